import BenchTesting
import Foundation
import Metrics
import Testing

@testable import Store

/// Agentic-coding points: their statistics round-trip and reach the headline rows the dashboard reads.
@Suite struct AgenticStoreTests {
    static let deployment = StoredDeployment(
        naturalKey: "d-agentic", config: "qwen3.5-fp8-mi355x-sglang-agentic", model: "Qwen/Qwen3.5", precision: "fp8", hardware: "mi355x",
        framework: "sglang", gpus: 8, description: "TP8", scenario: "agentic-coding", kvOffloading: "dram")

    static func requests() -> [RequestRecord] {
        (0..<4).map { index in
            let start = Int64(index) * 500_000_000
            let events = (0..<4).map { RequestRecord.TokenEvent(time: start + 200_000_000 + Int64($0) * 20_000_000, tokens: 1) }
            return RequestRecord(index: index, start: start, end: events.last!.time, promptTokens: 1000, requestedOutputTokens: 4, events: events)
        }
    }

    static func measurement(_ records: [RequestRecord]) -> AgenticMeasurement {
        AgenticMeasurement(
            metrics: AgenticMetrics(records: records, theoreticalCachedTokens: 3000),
            server: ServerCacheSummary(
                adapter: "sim", overallHitRate: 0.7, gpuHitRate: 0.5, cpuHitRate: 0.2, kvUsagePeak: 0.93, offloadBytesToCPU: 3e9,
                offloadBytesToGPU: 1e9),
            contextOverflows: 1, warmupRequests: 12, tracesStarted: 3)
    }

    @Test func theMeasurementRoundTripsAndFeedsTheHeadlines() throws {
        try withTemporaryStore { store, _ in
            let run = try store.beginRun(NewRun(trigger: "manual", harnessVersion: "0.1.0", host: "test", matrixDigest: "abc"))
            let records = Self.requests()
            let agentic = Self.measurement(records)
            _ = try store.record(
                StoredPoint(
                    deployment: Self.deployment, isl: 0, osl: 0, concurrency: 4, status: .ok,
                    metrics: PointMetrics(records: records, concurrency: 4, gpus: 8), requests: records, pointKey: "p-a", agentic: agentic),
                run: run)
            let row = try #require(try store.points(run: run).first)
            #expect(row.agentic == agentic)
            #expect(row.deployment.isAgentic && row.deployment.kvOffloading == "dram")
            let headline = try #require(try store.headlines().first?.agentic)
            #expect(headline.theoreticalCacheHitRate == 0.75 && headline.serverCacheHitRate == 0.7)
            #expect(headline.p90E2ENormalizedInteractivity == agentic.metrics.e2eNormalizedInteractivity?.p90)
            // 4 GB moved over the 1.76 s the requests span.
            let gbps = try #require(agentic.server?.offloadGBps(durationSeconds: agentic.metrics.durationSeconds))
            #expect(abs(gbps - 4 / 1.76) < 1e-9)
            // InferenceX's fixed-seq-len rows have no place for a trace replay.
            #expect(InferenceXRows.row(row) == nil)
        }
    }
}
