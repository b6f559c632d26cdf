import BenchTesting
import Foundation
import Testing

/// `bench load --traces` as a user runs it, against the simulated engine on an ephemeral port,
/// with a tiny hand-written trace file (short prompts, sub-second gaps).
@Suite struct LoadTracesCommandTests {
    static func turn(_ t: Double, _ hashes: ClosedRange<Int>, type: String = "s") -> String {
        #"{"t":\#(t),"type":"\#(type)","in":\#(64 * hashes.count - 10),"out":4,"hash_ids":[\#(hashes.map(String.init).joined(separator: ","))],"api_time":0.05}"#
    }

    static let traces: String = (0..<2).map { (index: Int) -> String in
        let subagent: String = #"{"t":0.35,"type":"subagent","agent_id":"sa","requests":[\#(turn(0.35, 0...0, type: "n")),\#(turn(0.45, 0...1, type: "n"))]}"#
        return #"{"id":"trace-\#(index)","block_size":64,"requests":[\#(turn(0, 0...1)),\#(turn(0.1, 0...2)),\#(turn(0.2, 0...3)),\#(turn(0.3, 0...4)),\#(subagent),\#(turn(0.6, 0...5))]}"#
    }.joined(separator: "\n")

    @Test func replaysTracesAgainstTheSimulatedEngine() async throws {
        try await withTemporaryDirectory("load-traces") { folder in
            let path = try folder.writing(Self.traces, to: "traces.jsonl"), requests = folder.appendingPathComponent("requests.jsonl").path
            try await withSimServer { url, _ in
                let result = try BenchProcess.run([
                    "load", "--url", url.absoluteString, "--model", "llama70b", "--traces", path, "--concurrency", "2",
                    "--duration", "2s", "--warmup-requests-per-lane", "1", "--save-requests", requests,
                ])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout.contains("Agentic Trace Replay Result") && result.stdout.contains("Failed requests:                          0"), "\(result.stdout)")
                let warmups = result.stdout.split(separator: "\n").first { $0.hasPrefix("Warmup requests") }?.split(separator: " ").last.flatMap { Int($0) }
                #expect((2...4).contains(warmups ?? 0), "each lane's primer, and one more turn where the trace has room")
                let lines = try String(contentsOfFile: requests, encoding: .utf8).split(separator: "\n")
                #expect(lines.count >= 4, "lanes recycle until the duration ends")
                #expect(result.stdout.contains("P90 E2E-normalised interactivity (tok/s):"))
                // --json: InferenceX's agentic request_metrics, latencies in seconds with their six statistics.
                let json = try BenchProcess.run([
                    "load", "--url", url.absoluteString, "--model", "llama70b", "--traces", path, "--concurrency", "2",
                    "--duration", "1s", "--warmup-requests-per-lane", "1", "--json",
                ])
                let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
                let metrics = try #require(object["request_metrics"] as? [String: Any])
                let latency = try #require(metrics["latency"] as? [String: Any])
                #expect(Set((latency["e2e_norm_intvty"] as? [String: Any])?.keys.map { $0 } ?? []) == ["mean", "p50", "p75", "p90", "p95", "std"])
                #expect(((latency["ttft"] as? [String: Any])?["p90"] as? Double).map { $0 > 0 && $0 < 5 } == true)
                #expect(object["scenario_type"] as? String == "agentic-coding" && object["conc"] as? Int == 2)
                #expect(((metrics["cache"] as? [String: Any])?["theoretical_cache_hit_rate"] as? Double).map { $0 > 0 } == true)
            }
        }
    }

    @Test func aMalformedTraceFileIsRefusedWithItsPlace() throws {
        try withTemporaryDirectory("load-traces") { folder in
            let path = try folder.writing(#"{"id":"x","block_size":64,"requests":[{"t":0,"type":"n","in":"many","out":1}]}"#, to: "bad.jsonl")
            let result = try BenchProcess.run([
                "load", "--url", "http://127.0.0.1:9", "--model", "m", "--traces", path, "--concurrency", "1", "--duration", "1s",
            ])
            #expect(result.status != 0 && result.stderr.contains("\(path):1: requests[0].in"), "\(result.stderr)")
        }
    }
}
