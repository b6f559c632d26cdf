import BenchTesting
import Engines
import Foundation
import LoadGen
import SimEngine
import Testing

@testable import Orchestrator

/// An agentic point over HTTP against the real-time simulated engine with its prefix cache on:
/// the replay's requests, InferenceX's statistics, and hit rates read from the engine's `/metrics`.
@Suite struct LiveAgenticReplayTests {
    /// Two short traces whose turns grow by one 64-token block and arrive 50 ms apart.
    static let traces: [AgenticTrace] = (0..<2).map { index in
        let turns = (1...12).map { turn in
            TraceRequest(
                type: .streaming, t: Double(turn) * 0.05, inputTokens: 64 * turn, outputTokens: 4,
                hashIDs: Array(index * 100..<index * 100 + turn), apiTime: 0.01)
        }
        return AgenticTrace(id: "t\(index)", entries: turns.map(TraceEntry.request))
    }

    @Test func theReplayMeasuresAndReadsTheEnginesCacheCounters() async throws {
        try await withSimServer(configure: { $0.prefixCache = true }) { url, _ in
            var settings = SweepSettings(matrixFiles: [])
            settings.requestTimeoutSeconds = 30
            let outcome = await LiveAgenticReplay.run(
                baseURL: url, model: "llama70b", framework: "vllm", traces: Self.traces, lanes: 2, durationSeconds: 1, seed: 42,
                settings: settings
            ) { _ in false }
            #expect(outcome.failed == nil)
            let agentic = try #require(outcome.agentic)
            #expect(outcome.records.count == agentic.metrics.requests && agentic.metrics.requests > 0)
            #expect(agentic.warmupRequests > 0 && agentic.contextOverflows == 0)
            let server = try #require(agentic.server)
            #expect(server.adapter == "vllm")
            #expect(server.overallHitRate.map { $0 > 0.5 } == true, "\(server)")
            #expect((agentic.metrics.theoreticalCacheHitRate ?? 0) > 0.5)
        }
    }

    @Test func anEngineWithoutMetricsLeavesThePointWithoutServerFigures() async throws {
        // A port nothing listens on: every scrape is refused.
        let watch = ServerMetricsWatch(host: "127.0.0.1", port: try LoopbackHTTP.freePort(), framework: "vllm")
        await watch.profilingRunning()
        #expect(await watch.finish() == nil)
    }
}
