import BenchTesting
@testable import Engines
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite(.serialized) struct ServerMetricsFetchTests {
    /// The simulator with a prefix cache, scraped over loopback before and after two token-id
    /// prompts that share 192 ids: its vLLM names read back 192 hits of 492 queried tokens.
    @Test func scrapesTheSimulatorLikeAnEngine() async throws {
        try await withSimServer(configure: { $0.prefixCache = true }) { base, server in
            let before = try ServerMetricsScrape.fetch(port: server.port)
            for tail in [Array(500..<508), Array(600..<700)] {
                var request = URLRequest(url: base.appendingPathComponent("v1/completions"))
                request.httpMethod = "POST"
                request.httpBody = Data(#"{"model":"llama70b","prompt":\#(Array(0..<192) + tail),"max_tokens":2,"ignore_eos":true}"#.utf8)
                _ = try await URLSession.shared.data(for: request)
            }
            let after = try ServerMetricsScrape.fetch(port: server.port)
            let delta = ServerMetricsDelta(before: before, after: after, framework: "vllm")
            #expect(delta.adapter == .vllm)
            // Seen failing now and then on a busy machine without a reproduction: say what was read.
            #expect(
                delta.prefixQueryTokens == 492 && delta.prefixHitTokens == 192,
                "queries \(String(describing: delta.prefixQueryTokens)), hits \(String(describing: delta.prefixHitTokens)); before \(before.samples.filter { $0.name.hasPrefix("vllm:prefix") }), after \(after.samples.filter { $0.name.hasPrefix("vllm:prefix") }); after holds \(after.samples.count) samples, \(after.skippedLines) skipped lines, requests received \(after.samples.filter { $0.name.hasPrefix("bench_sim_requests") })")
            #expect(delta.serverCacheHitRate == 192.0 / 492)
            #expect(delta.kvUsagePeak != nil)
            let sglang = ServerMetricsDelta(before: before, after: after, framework: "sglang")
            #expect(sglang.prefixHitTokens == 192 && sglang.serverCacheHitRate == 192.0 / 492)
        }
    }

    @Test func nothingListeningIsANamedFailure() throws {
        let port = try LoopbackHTTP.freePort()
        #expect(throws: EngineError.self) { try ServerMetricsScrape.fetch(port: port, timeout: 1) }
    }

    @Test func chunkedBodiesAreJoined() {
        #expect(LoopbackHTTP.dechunk(Array("5\r\nab\ncd\r\n3;x=y\r\n 1\n\r\n0\r\n\r\n".utf8)) == Array("ab\ncd 1\n".utf8))
        #expect(LoopbackHTTP.dechunk(Array("ff\r\nab".utf8)) == nil)
        #expect(LoopbackHTTP.dechunk(Array("zz\r\n".utf8)) == nil)
        #expect(LoopbackHTTP.dechunk([]) == nil)
    }
}
