import BenchTesting
import Foundation
import Metrics
import SimServer
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `bench load` as a user runs it, against the simulated engine on an ephemeral port.
@Suite struct LoadCommandTests {
    @Test func saveResultHasVLLMAndInferenceXKeys() async throws {
        try await withTemporaryDirectory("load") { folder in
            try await withSimServer { url, _ in
                let path = folder.appendingPathComponent("result.json").path, requests = folder.appendingPathComponent("requests.jsonl").path
                let result = try BenchProcess.run([
                    "load", "--url", url.absoluteString, "--model", "llama70b", "--isl", "64", "--osl", "8",
                    "--random-range-ratio", "0.5", "--max-concurrency", "4", "--num-prompts", "12",
                    "--num-warmups", "2", "--gpus", "2", "--save-result", path, "--save-requests", requests,
                ])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout.contains("Successful requests:                      12"))
                let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
                #expect(object["completed"] as? Int == 12 && object["failed"] as? Int == 0)
                let inputs = try #require(object["input_lens"] as? [Int]), outputs = try #require(object["output_lens"] as? [Int])
                #expect(inputs.allSatisfy { (32...64).contains($0) } && outputs.allSatisfy { (4...8).contains($0) })
                #expect(object["total_output_tokens"] as? Int == outputs.reduce(0, +))
                let total = try #require(object["total_token_throughput"] as? Double), perGPU = try #require(object["tput_per_gpu"] as? Double)
                #expect(abs(perGPU - total / 2) < 1e-9)
                let tpot = try #require(object["median_tpot_ms"] as? Double), intvty = try #require(object["median_intvty"] as? Double)
                #expect(abs(intvty - 1000 / tpot) < 1e-6)
                #expect(object["request_rate"] as? String == "inf" && object["max_concurrency"] as? Int == 4)
                let lines = try String(contentsOfFile: requests, encoding: .utf8).split(separator: "\n")
                #expect(lines.count == 12)
            }
        }
    }

    /// vLLM's and InferenceX's ITL is per chunk: with two tokens per event, `median_itl_ms` is the
    /// median of the file's own `itls` (per chunk) and bench's per-token ITL is about half of it.
    /// The file then ingests with no flags: it says its own settings.
    @Test func saveResultITLIsPerChunkLikeItsItlsAndIngestsWithNoFlags() async throws {
        var options = ServerOptions()
        options.streamInterval = 2
        try await withTemporaryDirectory("load") { folder in
            try await withSimServer(options) { url, _ in
                let path = folder.appendingPathComponent("result.json").path
                let result = try BenchProcess.run([
                    "load", "--url", url.absoluteString, "--model", "llama70b", "--isl", "32", "--osl", "9",
                    "--max-concurrency", "3", "--num-prompts", "9", "--gpus", "2", "--hardware", "h200",
                    "--framework", "vllm", "--precision", "fp8", "--save-result", path,
                ])
                #expect(result.status == 0, "\(result.stderr)")
                let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
                let gaps = try #require(object["itls"] as? [[Double]]).flatMap { $0 }
                #expect(gaps.count == 9 * 4, "9 tokens in events of 2: 5 events, 4 gaps per request")
                let median = try #require(Distribution.median(gaps))
                let medianITL = try #require(object["median_itl_ms"] as? Double)
                #expect(abs(medianITL - median * 1000) < 1e-9)
                let perToken = try #require(object["bench_median_itl_per_token_ms"] as? Double)
                #expect(perToken < medianITL * 0.75, "per token: each gap split over the tokens its event carries")

                let db = folder.appendingPathComponent("bench.sqlite").path
                let ingest = try BenchProcess.run(["ingest", path, "--db", db])
                #expect(ingest.status == 0, "\(ingest.stderr)")
                #expect(ingest.stdout.contains("1 run and 1 point added"))
                let runs = try BenchProcess.run(["runs", "show", "1", "--db", db, "--json"])
                let rows = try #require(try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]])
                #expect(rows.first?["hardware"] as? String == "h200" && rows.first?["conc"] as? Int == 3 && rows.first?["gpus"] as? Int == 2)
                #expect(abs((rows.first?["tput_per_gpu"] as? Double ?? 0) - (object["tput_per_gpu"] as? Double ?? -1)) < 1e-9)
            }
        }
    }

    @Test func theAPIKeyIsSentButNeverWrittenAnywhere() async throws {
        let variable = "BENCH_TEST_KEY_\(UInt32.random(in: 0...UInt32.max))", secret = "sk-test-\(UUID().uuidString)"
        setenv(variable, secret, 1)
        defer { unsetenv(variable) }
        try await withTemporaryDirectory("load") { folder in
            try await withSimServer { url, _ in
                let path = folder.appendingPathComponent("result.json").path, requests = folder.appendingPathComponent("requests.jsonl").path
                let result = try BenchProcess.run([
                    "load", "--url", url.absoluteString, "--model", "llama70b", "--isl", "8", "--osl", "2",
                    "--max-concurrency", "2", "--num-prompts", "2", "--api-key-env", variable,
                    "--save-result", path, "--save-requests", requests,
                ])
                #expect(result.status == 0, "\(result.stderr)")
                let written = try String(contentsOfFile: path, encoding: .utf8) + String(contentsOfFile: requests, encoding: .utf8)
                #expect(!(result.stdout + result.stderr + written).contains(secret))
            }
        }
    }

    @Test func failuresOverTheLimitExitWith2AndStillReport() async throws {
        var options = ServerOptions()
        options.faults.failRate = 1
        try await withSimServer(options) { url, _ in
            let result = try BenchProcess.run([
                "load", "--url", url.absoluteString, "--model", "llama70b", "--isl", "16", "--osl", "4",
                "--max-concurrency", "2", "--num-prompts", "4", "--json",
            ])
            #expect(result.status == 2)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(object["failed"] as? Int == 4)
            #expect((object["bench_failures_by_kind"] as? [String: Int])?["http"] == 4)
            #expect(result.stderr.contains("4 of 4 requests failed"))
        }
    }

    @Test func apiKeyComesFromTheEnvironmentOnly() async throws {
        let result = try BenchProcess.run([
            "load", "--url", "http://127.0.0.1:9", "--model", "m", "--isl", "4", "--osl", "4",
            "--api-key-env", "BENCH_TEST_UNSET_KEY_VARIABLE",
        ])
        #expect(result.status != 0 && result.stderr.contains("BENCH_TEST_UNSET_KEY_VARIABLE"))
    }

    @Test func interruptStillWritesWhatWasMeasured() async throws {
        try await withTemporaryDirectory("load") { folder in
            try await withSimServer { url, _ in
                let path = folder.appendingPathComponent("partial.json").path
                let process = Process()
                process.executableURL = BenchProcess.executable
                process.arguments = [
                    "load", "--url", url.absoluteString, "--model", "llama70b", "--isl", "16", "--osl", "4",
                    "--max-concurrency", "2", "--num-prompts", "100000", "--grace", "2s", "--save-result", path,
                ]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                // Wait until the server has generated a few requests' worth of tokens, then Ctrl-C.
                try await waitUntil("the server generating 40 tokens") { try await generatedTokens(url) >= 40 }
                process.interrupt()
                #expect(try await ChildExit.status(process) == 0)
                let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
                let completed = try #require(object["completed"] as? Int)
                #expect(completed >= 5 && completed < 100_000 && object["failed"] as? Int == 0)
            }
        }
    }

    private func generatedTokens(_ url: URL) async throws -> Int {
        let (data, _) = try await URLSession.shared.data(from: url.appendingPathComponent("metrics"))
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix("vllm:generation_tokens_total") }
        return line.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) }.map { Int($0) } ?? 0
    }
}
