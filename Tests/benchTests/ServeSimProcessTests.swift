import BenchTesting
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `bench serve-sim` as a separate process: what a harness sees when the engine dies.
@Suite struct ServeSimProcessTests {
    @Test func crashAfterRequestsExitsWithStatus3() async throws {
        let process = Process()
        process.executableURL = BenchProcess.executable
        process.arguments = ["serve-sim", "--hardware", "h200", "--model", "llama70b", "--tp", "1", "--port", "0", "--crash-after-requests", "1"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let port = try ServeSimProcess.listeningPort(out.fileHandleForReading)

        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/v1/completions")!)
        request.httpMethod = "POST"
        request.httpBody = Data(#"{"model":"llama70b","prompt":"hi","max_tokens":2}"#.utf8)
        let (_, first) = try await URLSession.shared.data(for: request)
        #expect((first as? HTTPURLResponse)?.statusCode == 200)
        // The second request finds the process gone: the connection drops, no response.
        await #expect(throws: (any Error).self) { _ = try await URLSession.shared.data(for: request) }
        #expect(try await ChildExit.status(process) == 3)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stderr.contains("injected crash after 1 requests"))
    }
}

@Suite struct SimulateCommandTests {
    @Test func simulatePrintsThePointsMetricsAsJSON() throws {
        let result = try BenchProcess.run([
            "simulate", "--hardware", "h200", "--model", "llama70b", "--isl", "64", "--osl", "16",
            "--concurrency", "4", "--num-prompts", "8", "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["requests"] as? Int == 8)
        #expect(object["output_tokens"] as? Int == 8 * 16)
        let tpot = try #require(object["median_tpot_ms"] as? Double), interactivity = try #require(object["interactivity"] as? Double)
        #expect(tpot > 0 && abs(interactivity - 1000 / tpot) < 1e-3)
    }

    /// A disaggregated deployment's decode slots and an MTP head's draft length come from flags:
    /// one decode slot for four streams puts the wait in TTFT; one draft decodes slower than three.
    @Test func decodeSlotsAndDraftTokensAreFlags() throws {
        func point(_ extra: [String]) throws -> [String: Any] {
            let result = try BenchProcess.run(
                [
                    "simulate", "--hardware", "h200", "--model", "llama70b", "--isl", "64", "--osl", "32", "--concurrency", "4",
                    "--num-prompts", "8", "--json", "--disagg", "--prefill-tp", "2", "--decode-tp", "2",
                ] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        }
        let open = try point([]), oneSlot = try point(["--decode-max-running-requests", "1"])
        let ttft = { (object: [String: Any]) in object["median_ttft_ms"] as? Double ?? .nan }
        #expect(ttft(oneSlot) > 2 * ttft(open), "TTFT \(ttft(oneSlot)) ms with one slot, \(ttft(open)) ms without")
        let speed = { (drafts: String) in try point(["--spec-decoding", "mtp", "--draft-tokens", drafts])["interactivity"] as? Double ?? .nan }
        #expect(try speed("1") < speed("3"))
        let refused = try BenchProcess.run(["simulate", "--hardware", "h200", "--model", "llama70b", "--decode-max-running-requests", "2"])
        #expect(refused.status != 0 && refused.stderr.contains("--decode-max-running-requests needs --disagg"), "\(refused.stderr)")
    }
}
