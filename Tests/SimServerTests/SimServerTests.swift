import BenchTesting
import Catalog
import Foundation
import SimEngine
import SimServer
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

func withServer(
    _ options: ServerOptions = ServerOptions(), hardware: String = "h200", model: String = "llama70b", tp: Int = 1,
    _ body: (URL) async throws -> Void
) async throws {
    try await withSimServer(options, hardware: hardware, model: model, tp: tp) { url, _ in try await body(url) }
}

func post(_ base: URL, _ path: String, _ json: String) async throws -> (status: Int, body: String) {
    var request = URLRequest(url: base.appendingPathComponent(path))
    request.httpMethod = "POST"
    request.httpBody = Data(json.utf8)
    request.setValue("application/json", forHTTPHeaderField: "content-type")
    let (data, response) = try await URLSession.shared.data(for: request)
    return ((response as! HTTPURLResponse).statusCode, String(decoding: data, as: UTF8.self))
}

func get(_ base: URL, _ path: String) async throws -> (status: Int, body: String) {
    let (data, response) = try await URLSession.shared.data(from: base.appendingPathComponent(path))
    return ((response as! HTTPURLResponse).statusCode, String(decoding: data, as: UTF8.self))
}

/// The JSON payloads of an SSE body, `[DONE]` excluded.
func events(_ body: String) -> [[String: Any]] {
    body.components(separatedBy: "\n\n").compactMap { block in
        guard block.hasPrefix("data: "), !block.hasPrefix("data: [DONE]") else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(block.dropFirst(6).utf8)) as? [String: Any]
    }
}

@Suite(.serialized) struct WireFormatTests {
    @Test func streamedCompletionWithTokenIDsEndsWithUsageAndDone() async throws {
        try await withServer { base in
            let reply = try await post(
                base, "v1/completions",
                """
                {"model":"llama70b","prompt":[1,2,3,4,5,6,7],"max_tokens":12,"ignore_eos":true,"stream":true,"stream_options":{"include_usage":true}}
                """)
            #expect(reply.status == 200)
            let parsed = events(reply.body)
            #expect(parsed.count == 13)
            let texts = parsed.dropLast().compactMap { (($0["choices"] as? [[String: Any]])?.first?["text"] as? String) }
            #expect(texts.count == 12)
            #expect(((parsed[11]["choices"] as? [[String: Any]])?.first?["finish_reason"] as? String) == "length")
            let usage = parsed.last?["usage"] as? [String: Int]
            #expect(usage == ["prompt_tokens": 7, "completion_tokens": 12, "total_tokens": 19])
            #expect(reply.body.hasSuffix("data: [DONE]\n\n"))
        }
    }

    @Test func chatWithoutStreamingReturnsOneMessage() async throws {
        try await withServer { base in
            let reply = try await post(
                base, "v1/chat/completions",
                """
                {"model":"meta-llama/Llama-3.3-70B-Instruct","messages":[{"role":"user","content":"four word very good"}],"max_completion_tokens":6,"ignore_eos":true,"temperature":0.7}
                """)
            #expect(reply.status == 200)
            let object = try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as! [String: Any]
            let usage = object["usage"] as! [String: Int]
            #expect(usage["prompt_tokens"] == 4 + PromptTokens.perMessage + PromptTokens.replyPrimer)
            #expect(usage["completion_tokens"] == 6)
            let message = ((object["choices"] as! [[String: Any]])[0]["message"] as! [String: Any])
            #expect(PromptTokens.count(text: message["content"] as! String) == 6)
        }
    }

    @Test func streamIntervalGroupsTokensAndEOSDrawIsBounded() async throws {
        var options = ServerOptions()
        options.streamInterval = 4
        try await withServer(options) { base in
            let grouped = try await post(
                base, "v1/completions", #"{"model":"llama70b","prompt":"hi","max_tokens":10,"ignore_eos":true,"stream":true}"#)
            #expect(events(grouped.body).count == 3)
            let early = try await post(base, "v1/completions", #"{"model":"llama70b","prompt":"hi","max_tokens":4000,"min_tokens":3}"#)
            let usage = (try JSONSerialization.jsonObject(with: Data(early.body.utf8)) as! [String: Any])["usage"] as! [String: Int]
            #expect(usage["completion_tokens"]! >= 3 && usage["completion_tokens"]! < 4000)
        }
    }

    @Test func badRequestsGetOpenAIErrors() async throws {
        try await withServer { base in
            let cases: [(String, String, Int, String)] = [
                ("v1/completions", "{not json", 400, "not valid JSON"),
                ("v1/completions", #"{"model":"gpt-9","prompt":"x"}"#, 404, "does not exist"),
                ("v1/completions", #"{"model":"llama70b"}"#, 400, "'prompt' is required"),
                ("v1/completions", #"{"model":"llama70b","prompt":"x","max_tokens":0}"#, 400, "at least 1"),
                ("v1/completions", #"{"model":"llama70b","prompt":[1,2.5]}"#, 400, "token ids"),
                ("v1/completions", #"{"model":"llama70b","prompt":"x","max_tokens":200000}"#, 400, "maximum context length"),
                ("v1/chat/completions", #"{"model":"llama70b","messages":[]}"#, 400, "'messages' is required"),
                ("v1/completions", #"{"model":"llama70b","prompt":"x","stream":"yes"}"#, 400, "true or false"),
                ("v1/nothing", "{}", 404, "no route"),
            ]
            for (path, body, status, message) in cases {
                let reply = try await post(base, path, body)
                #expect(reply.status == status, "\(body)")
                let error = (try? JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any])?["error"] as? [String: Any]
                #expect((error?["message"] as? String)?.contains(message) == true, "\(reply.body)")
            }
            let health = try await get(base, "health")
            #expect(health.status == 200)
        }
    }

    @Test func modelsAndMetricsAreServed() async throws {
        try await withServer { base in
            _ = try await post(base, "v1/completions", #"{"model":"llama70b","prompt":[1,2,3],"max_tokens":5,"ignore_eos":true}"#)
            let models = try await get(base, "v1/models")
            #expect(models.body.contains("\"id\":\"meta-llama/Llama-3.3-70B-Instruct\""))
            let metrics = try await get(base, "metrics").body
            #expect(metrics.contains("vllm:prompt_tokens_total{model_name=\"meta-llama/Llama-3.3-70B-Instruct\"} 3"))
            #expect(metrics.contains("vllm:generation_tokens_total{model_name=\"meta-llama/Llama-3.3-70B-Instruct\"} 5"))
            #expect(metrics.contains("bench_sim_step_seconds_count"))
            #expect(metrics.contains("vllm:num_requests_waiting"))
        }
    }
}

@Suite(.serialized) struct ClockAgreementTests {
    /// Runs `serve` against a server (seed 5) that writes its truth log, and returns the log's lines.
    private static func truthLogLines(_ name: String, serve: (ServerOptions) async throws -> Void) async throws -> [Data] {
        try await withTemporaryDirectory(name) { folder in
            let path = folder.appendingPathComponent("truth.jsonl").path
            var options = ServerOptions()
            options.truthLogPath = path
            options.seed = 5
            try await serve(options)
            return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { Data($0.utf8) }
        }
    }

    /// The served deployment (Llama-3.3-70B FP8 on one H200, seed 5) on the virtual clock.
    private static func virtualClock(prefixCache: Bool) throws -> VirtualClock {
        var config = try SimConfig.resolve(
            catalog: try Catalog.load(), hardware: "h200", model: "llama70b", precision: "fp8", topology: .aggregated(WorkerShape(tp: 1)))
        config.prefixCache = prefixCache
        return VirtualClock(cluster: try SimCluster(config: config, seed: 5))
    }

    @Test func realTimeAndVirtualClocksGiveTheSameTimelines() async throws {
        let lines = try await Self.truthLogLines("truth") { options in
            try await withServer(options) { base in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<8 {
                        group.addTask {
                            _ = try await post(
                                base, "v1/completions",
                                """
                                {"model":"llama70b","prompt":[\(Array(repeating: "1", count: 64 * (index + 1)).joined(separator: ","))],"max_tokens":\(10 + index),"ignore_eos":true,"stream":true}
                                """)
                        }
                    }
                    try await group.waitForAll()
                }
            }
        }
        let recorded = try lines.map { try JSONDecoder().decode(RequestTimeline.self, from: $0) }.sorted { $0.id < $1.id }
        #expect(recorded.count == 8)
        var clock = try Self.virtualClock(prefixCache: false)
        let replayed = clock.run(
            recorded.map { SimRequest(id: $0.id, arrival: $0.arrival, promptTokens: $0.promptTokens, outputTokens: $0.outputTokens) })
        #expect(replayed == recorded)
    }

    /// With prefix caching the truth log carries each prompt's block keys; replayed with them on the
    /// virtual clock the cache hits the same blocks and every token time agrees.
    @Test func theyAgreeWithThePrefixCacheOn() async throws {
        let lines = try await Self.truthLogLines("truth-cache") { options in
            try await withSimServer(options, configure: { $0.prefixCache = true }) { base, _ in
                // Each conversation turn resends the previous one plus two more blocks, one at a time.
                for turn in 1...4 {
                    let prompt = (0..<(128 * turn)).map { String($0 % 500 + 10) }.joined(separator: ",")
                    _ = try await post(base, "v1/completions", #"{"model":"llama70b","prompt":[\#(prompt)],"max_tokens":6,"ignore_eos":true,"stream":true}"#)
                }
            }
        }
        struct Keys: Decodable { var id: Int; var prefixBlocks: [UInt64]? }
        let recorded = try lines.map { try JSONDecoder().decode(RequestTimeline.self, from: $0) }.sorted { $0.id < $1.id }
        let keys = Dictionary(uniqueKeysWithValues: try lines.map { try JSONDecoder().decode(Keys.self, from: $0) }.map { ($0.id, $0.prefixBlocks ?? []) })
        #expect(recorded.count == 4 && keys[3]?.count == 8)
        var clock = try Self.virtualClock(prefixCache: true)
        let replayed = clock.run(
            recorded.map {
                SimRequest(id: $0.id, arrival: $0.arrival, promptTokens: $0.promptTokens, outputTokens: $0.outputTokens, prefixBlocks: keys[$0.id] ?? [])
            })
        #expect(replayed == recorded)
        // The later turns did hit: without the keys the same arrivals prefill everything and finish later.
        var cold = try Self.virtualClock(prefixCache: true)
        let uncached = cold.run(recorded.map { SimRequest(id: $0.id, arrival: $0.arrival, promptTokens: $0.promptTokens, outputTokens: $0.outputTokens) })
        #expect(uncached.last?.tokenTimes.first ?? 0 > recorded.last?.tokenTimes.first ?? 0)
    }
}

@Suite(.serialized) struct FaultInjectionTests {
    @Test func failRateAnswers500() async throws {
        var options = ServerOptions()
        options.faults.failRate = 1
        try await withServer(options) { base in
            let reply = try await post(base, "v1/completions", #"{"model":"llama70b","prompt":"x","max_tokens":3}"#)
            #expect(reply.status == 500)
            #expect(reply.body.contains("injected failure"))
        }
    }

    @Test func malformedRateBreaksOneEvent() async throws {
        var options = ServerOptions()
        options.faults.malformedRate = 1
        try await withServer(options) { base in
            let reply = try await post(base, "v1/completions", #"{"model":"llama70b","prompt":"x","max_tokens":8,"ignore_eos":true,"stream":true}"#)
            let blocks = reply.body.components(separatedBy: "\n\n").filter { $0.hasPrefix("data: {") }
            #expect(blocks.count == 8)
            #expect(events(reply.body).count == 7)
            #expect(reply.body.hasSuffix("data: [DONE]\n\n"))
        }
    }

    @Test func stallPausesTheStreamMidway() async throws {
        var options = ServerOptions()
        options.faults.stallMilliseconds = 150
        options.emitTimestamps = true
        try await withServer(options) { base in
            let reply = try await post(base, "v1/completions", #"{"model":"llama70b","prompt":"x","max_tokens":10,"ignore_eos":true,"stream":true}"#)
            let emitted = events(reply.body).compactMap { ($0["bench_emit_ns"] as? NSNumber)?.uint64Value }
            let gaps = zip(emitted.dropFirst(), emitted).map { Double($0 - $1) / 1e6 }
            #expect(gaps.max()! >= 150)
            #expect(reply.body.hasSuffix("data: [DONE]\n\n"))
        }
    }

    @Test func disconnectRateCutsTheStream() async throws {
        var options = ServerOptions()
        options.faults.disconnectRate = 1
        try await withServer(options) { base in
            var request = URLRequest(url: base.appendingPathComponent("v1/completions"))
            request.httpMethod = "POST"
            request.httpBody = Data(#"{"model":"llama70b","prompt":"x","max_tokens":50,"ignore_eos":true,"stream":true}"#.utf8)
            let outcome: String
            do {
                let (data, _) = try await URLSession.shared.data(for: request)
                outcome = String(decoding: data, as: UTF8.self)
            } catch {
                outcome = "error"
            }
            #expect(!outcome.contains("[DONE]"))
            let health = try await get(base, "health")
            #expect(health.status == 200)
        }
    }
}
