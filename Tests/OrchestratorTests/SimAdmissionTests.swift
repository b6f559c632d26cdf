import Catalog
import Foundation
import SimEngine
import Testing

@testable import Orchestrator

/// Every deployment InferenceX runs is one the simulated engine admits: weights placed by tensor
/// group at their real storage, each framework's own memory accounting, vLLM's DEP layouts.
@Suite struct SimAdmissionTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/inferencex")

    @Test func everyFixedSeqLenPointOfInferenceXsMasterConfigsIsAdmitted() throws {
        var settings = SweepSettings(matrixFiles: ["nvidia-master.yaml", "amd-master.yaml"].map { Self.fixtures.appendingPathComponent($0).path })
        settings.runnerConfigPath = Self.fixtures.appendingPathComponent("runners.yaml").path
        settings.virtual = true
        let plan = try SweepPlan(settings: settings, catalog: try Catalog.load(), machineHardware: nil)
        // One point is listed twice in amd-master (dsr1-fp4-mi355x-sglang-disagg-8k1k-mtp, 1P2D TP8 at concurrency 32): measured once.
        let duplicates = plan.skipped.filter { $0.reason.contains("listed twice in the matrix") }
        let refused = plan.skipped.filter { !$0.reason.hasPrefix("agentic-coding") && !$0.reason.contains("listed twice in the matrix") }
        #expect(refused.isEmpty, "\(refused.prefix(5).map { "\($0.point.deployment.configKey): \($0.reason)" })")
        #expect(duplicates.map(\.point.deployment.configKey) == ["dsr1-fp4-mi355x-sglang-disagg-8k1k-mtp"])
        #expect(plan.groups.reduce(0) { $0 + $1.points.count } == 1331)
    }

    /// The 1k/1k configs InferenceX deprecated in July 2026 hold the deployments behind its published
    /// 1k/1k points, which scripts/judge-inferencex.sh simulates: the simulator admits them all too.
    @Test func everyPointOfInferenceXsDeprecatedOneKOneKConfigsIsAdmitted() throws {
        var settings = SweepSettings(
            matrixFiles: ["nvidia-1k1k-master.yaml", "amd-1k1k-master.yaml"].map { Self.fixtures.appendingPathComponent($0).path })
        settings.runnerConfigPath = Self.fixtures.appendingPathComponent("runners.yaml").path
        settings.virtual = true
        let plan = try SweepPlan(settings: settings, catalog: try Catalog.load(), machineHardware: nil)
        #expect(plan.skipped.isEmpty, "\(plan.skipped.prefix(5).map { "\($0.point.deployment.configKey): \($0.reason)" })")
        #expect(plan.groups.reduce(0) { $0 + $1.points.count } == 2155)
    }

    /// DeepSeek-R1 FP8 on 4 × B200 (InferenceX runs TP4 to concurrency 32): 168 GB of weights per
    /// GPU against SGLang's default static fraction of 180 GiB, or the 0.95 InferenceX sets.
    @Test func deepSeekFP8FitsOnFourB200sWithAKVCacheForItsLongestRequests() throws {
        var config = try SimConfig.resolve(
            catalog: try Catalog.load(), hardware: "b200", model: "dsr1", precision: "fp8",
            kvCacheDType: "fp8", topology: .aggregated(WorkerShape(tp: 4)))
        let defaultModel = try PerfModel(config: config, shape: WorkerShape(tp: 4))
        #expect(abs(defaultModel.weightBytesPerGPU / 1e9 - 168.3) < 0.1)
        #expect(defaultModel.kvCapacityTokens > 9216 * 16)
        config.engineMemory = EngineMemory.of(framework: "sglang", engineArguments: ["--mem-fraction-static", "0.95"])
        #expect(try PerfModel(config: config, shape: WorkerShape(tp: 4)).kvCapacityTokens * 10 > defaultModel.kvCapacityTokens * 14)
    }
}
