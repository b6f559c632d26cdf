import Catalog
import Foundation
import Matrix
import SimEngine
import Testing

@testable import Orchestrator

/// A TensorRT-LLM recipe's decode `max_batch_size`, read from the name InferenceX gives it, caps the
/// simulated decode workers.
@Suite struct RecipeBatchCapTests {
    @Test(arguments: [
        ("CONFIG_FILE=recipes/trtllm/gb200-fp8/8k1k/mtp/ctx4_gen1_dep32_batch8_eplb0_mtp3_333.yaml", 8),
        ("CONFIG_FILE=recipes/trtllm/b200-fp8/1k1k/mtp/ctx1_gen8_tp8_batch1_eplb0_mtp3_8.yaml", 1),
    ])
    func aRecipeNameGivesItsBatch(setting: String, batch: Int) {
        #expect(RecipeBatchCap.batch(in: ["OTHER=1", setting]) == batch)
    }

    @Test(arguments: [
        "CONFIG_FILE=recipes/sglang/deepseek-v4/8k1k/disagg-b200-mid-curve-1p2d-dep8-dep8-mtp.yaml",
        "CONFIG_FILE=a/ctx1_gen1_dep8_batch0_mtp3.yaml", "CONFIG_FILE=a/ctx1_gen1_dep8_batch99999999999999999999_mtp3.yaml",
        "CONFIG_FILE=a/ctx1_gen1_dep8_batchx_mtp3.yaml", "ENV_batch8_=1",
    ])
    func otherSettingsGiveNone(setting: String) {
        #expect(RecipeBatchCap.batch(in: [setting]) == nil)
    }

    /// InferenceX's GB200 DeepSeek-R1 FP8 entry at concurrency 333 runs DEP32 decode at batch 8 per
    /// rank (256 sequences) and TEP8 decode workers at batch 4 each.
    @Test func inferenceXsTRTDeploymentsGetTheirRecipesCap() throws {
        let fixtures = SimAdmissionTests.fixtures
        var settings = SweepSettings(matrixFiles: [fixtures.appendingPathComponent("nvidia-master.yaml").path])
        settings.runnerConfigPath = fixtures.appendingPathComponent("runners.yaml").path
        settings.virtual = true
        settings.filters = ["config=dsr1-fp8-gb200-dynamo-trt"]
        let catalog = try Catalog.load()
        let plan = try SweepPlan(settings: settings, catalog: catalog, machineHardware: nil)
        var caps: [String: Int?] = [:]
        for group in plan.groups {
            guard case let .multiNode(_, decode) = group.deployment.topology else { continue }
            let key = "\(decode.dpAttn ? "dep" : "tep")\(decode.tp) \(group.points.map(\.point.conc))"
            caps[key] = try group.deployment.simConfig(catalog: catalog, kvCacheDType: "fp8").decodeMaxRunningRequests
        }
        #expect(caps["dep32 [333]"] == 256 && caps["tep8 [15]"] == 4, "\(caps)")
    }

    /// With a decode cap of 2, four requests decode two at a time, so they end later than uncapped.
    @Test func theDecodeWorkersHonourTheCap() throws {
        var config = try SimConfig.resolve(
            catalog: try Catalog.load(), hardware: "h200", model: "llama70b", precision: "fp8",
            topology: .disaggregated(prefill: WorkerPool(workers: 1, shape: WorkerShape(tp: 2)), decode: WorkerPool(workers: 1, shape: WorkerShape(tp: 2))))
        func end(_ config: SimConfig) throws -> Int64 {
            var clock = VirtualClock(cluster: try SimCluster(config: config, seed: 1))
            let run = clock.runClosedLoopCompact(shapes: Array(repeating: (64, 64), count: 4), concurrency: 4)
            return run.timelines.compactMap(run.lastTokenTime).max() ?? 0
        }
        let uncapped = try end(config)
        config.decodeMaxRunningRequests = 2
        #expect(try end(config) > uncapped * 3 / 2)
    }
}
