import BenchTesting
import Catalog
import Foundation
import Metrics
import Store
import Testing

@testable import Orchestrator

/// Issue 20's check: one agentic config of InferenceX's amd-master at concurrency 4, replayed for a
/// virtual 300 s on the simulated engine, stores points with every agentic column.
@Suite struct AgenticVirtualRunTests {
    @Test func anAgenticConfigOfAMDMasterStoresEveryAgenticColumn() async throws {
        try await withTemporaryDirectory("agentic-virtual") { folder in
            var settings = SweepSettings(matrixFiles: [SimAdmissionTests.fixtures.appendingPathComponent("amd-master.yaml").path])
            settings.runnerConfigPath = SimAdmissionTests.fixtures.appendingPathComponent("runners.yaml").path
            settings.virtual = true
            settings.scenarios = ["agentic-coding"]
            settings.agenticDurationSeconds = 300
            settings.filters = ["config=qwen3.5-fp8-mi325x-sglang-agentic-mtp", "tp=8", "ep=1"]
            settings.minConc = 4
            settings.maxConc = 4
            let catalog = try Catalog.load()
            let store = try ResultStore(path: folder.appendingPathComponent("a.sqlite").path)
            let plan = try SweepPlan(settings: settings, catalog: catalog, machineHardware: nil)
            #expect(plan.pointCount == 1)
            let sweep = try Sweep(plan: plan, settings: settings, catalog: catalog, store: store, environment: SweepTests.environment)
            let outcome = await sweep.run(observer: RecordingObserver())
            #expect(outcome.stored == 1 && outcome.failed == 0)
            let row = try #require(try store.points(run: sweep.runID).first)
            #expect(row.status == .ok && row.isl == 0 && row.osl == 0 && row.deployment.isAgentic)
            let agentic = try #require(row.agentic)
            let m = agentic.metrics
            #expect(m.requests > 10 && agentic.warmupRequests > 0 && agentic.tracesStarted >= 4)
            // The profiled phase lasts the duration; requests in flight at its end finish and count.
            #expect(m.durationSeconds >= 250 && m.durationSeconds < 600)
            for value in [
                m.theoreticalCacheHitRate, agentic.server?.overallHitRate, m.e2eNormalizedInteractivity?.p90,
                m.e2eNormalizedInteractivity?.p75, m.interactivity?.p90, m.meanQPS, agentic.server?.kvUsagePeak,
            ] {
                #expect(value.map { $0 > 0 && $0.isFinite } == true)
            }
            // Nothing offloads without a DRAM tier.
            #expect(agentic.server?.offloadGBps(durationSeconds: m.durationSeconds) == nil)
            // Throughput per GPU counts cached prompt tokens as input, as InferenceX does.
            let metrics = try #require(row.metrics)
            #expect(metrics.inputTokens == m.inputTokens && metrics.totalThroughputPerGPU.map { $0 > 0 } == true)
        }
    }
}
