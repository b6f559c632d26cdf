import Catalog
import Foundation
import Matrix
import SimEngine
import Store
import Testing

@testable import Orchestrator

/// A TensorRT-LLM recipe's decode `max_batch_size` and MTP draft length, read from the name
/// InferenceX gives it, shape the simulated decode workers on both clocks.
@Suite struct RecipeNameTests {
    @Test(arguments: [
        ("CONFIG_FILE=recipes/trtllm/gb200-fp8/8k1k/mtp/ctx4_gen1_dep32_batch8_eplb0_mtp3_333.yaml", 8, 3),
        ("CONFIG_FILE=recipes/trtllm/b200-fp8/1k1k/mtp/ctx1_gen2_dep8_batch768_eplb0_mtp2_1600.yaml", 768, 2),
        ("CONFIG_FILE=recipes/trtllm/b200-fp8/1k1k/stp/ctx1_gen3_tp8_batch1024_eplb0_mtp0_4.yaml", 1024, nil),
        ("CONFIG_FILE=recipes/vllm/dsr1/disagg-gb200-1p1d-dep8-mtp2.yaml", nil, 2),
    ] as [(String, Int?, Int?)])
    func aRecipeNameGivesItsBatchAndDrafts(setting: String, batch: Int?, drafts: Int?) {
        let recipe = RecipeName(settings: ["OTHER=1", setting])
        #expect(recipe.batch == batch && recipe.draftTokens == drafts, "\(recipe)")
    }

    @Test(arguments: [
        "CONFIG_FILE=recipes/sglang/deepseek-v4/8k1k/disagg-b200-mid-curve-1p2d-dep8-dep8-mtp.yaml",
        "CONFIG_FILE=a/ctx1_gen1_dep8_batch0_mtp0.yaml", "CONFIG_FILE=a/ctx1_gen1_dep8_batch99999999999999999999_mtp65.yaml",
        "CONFIG_FILE=a/ctx1_gen1_dep8_batchx_mtpy.yaml", "ENV_batch8_mtp3=1",
    ])
    func otherSettingsGiveNothing(setting: String) {
        #expect(RecipeName(settings: [setting]) == RecipeName(settings: []))
    }

    /// InferenceX's GB200 DeepSeek-R1 FP8 8k/1k entry: at concurrency 333 DEP32 decode at batch 8 per
    /// rank (256 sequences), at 15 TEP8 decode workers at batch 4 each; its B200 1k/1k entry at 1600
    /// runs two draft tokens, at 896 three. The store keeps both with the deployment, so a stored
    /// point's residual is simulated with the same limits.
    @Test func inferenceXsTRTDeploymentsGetTheirRecipes() throws {
        let catalog = try Catalog.load()
        func configs(_ matrix: String, _ config: String) throws -> [String: (sim: SimConfig, stored: StoredTopology.Pool?)] {
            var settings = SweepSettings(matrixFiles: [SimAdmissionTests.fixtures.appendingPathComponent(matrix).path])
            settings.runnerConfigPath = SimAdmissionTests.fixtures.appendingPathComponent("runners.yaml").path
            settings.virtual = true
            settings.filters = ["config=\(config)"]
            let plan = try SweepPlan(settings: settings, catalog: catalog, machineHardware: nil)
            var configs: [String: (sim: SimConfig, stored: StoredTopology.Pool?)] = [:]
            for group in plan.groups {
                guard case let .multiNode(_, decode) = group.deployment.topology else { continue }
                let key = "\(decode.dpAttn ? "dep" : "tep")\(decode.tp) \(group.points.map(\.point.conc)) \(group.deployment.specDecoding)"
                configs[key] = (
                    try group.deployment.simConfig(catalog: catalog, kvCacheDType: "fp8"), group.deployment.stored(catalog: catalog).topology?.decode
                )
            }
            return configs
        }
        let gb200 = try configs("nvidia-master.yaml", "dsr1-fp8-gb200-dynamo-trt")
        #expect(gb200["dep32 [333] mtp"]?.sim.decodeMaxRunningRequests == 256 && gb200["tep8 [15] mtp"]?.sim.decodeMaxRunningRequests == 4)
        #expect(gb200["dep32 [333] mtp"]?.stored?.maxRunning == 256 && gb200["dep32 [333] mtp"]?.stored?.draftTokens == 3)
        let b200 = try configs("nvidia-1k1k-master.yaml", "dsr1-fp8-b200-dynamo-trt")
        #expect(b200["dep8 [1600] mtp"]?.sim.speculative == .deepSeekMTP(draftTokens: 2) && b200["dep8 [1600] mtp"]?.stored?.draftTokens == 2)
        #expect(b200["dep8 [896] mtp"]?.sim.speculative == .deepSeekMTP && b200["tep8 [4] none"]?.sim.speculative == nil)
        #expect(b200["tep8 [4] none"]?.stored?.draftTokens == nil && b200["tep8 [4] none"]?.stored?.maxRunning == 1024)
    }

    /// Deployments stored before the store kept recipe limits read back without them.
    @Test func storedTopologiesWithoutRecipeLimitsStillRead() throws {
        let old = #"{"tp":8,"ep":8,"dpAttention":true,"pp":1,"dcp":1,"pcp":1,"prefill":{"workers":1,"tp":8,"ep":8,"dpAttention":true,"pp":1,"dcp":1,"pcp":1},"decode":{"workers":2,"tp":8,"ep":8,"dpAttention":true,"pp":1,"dcp":1,"pcp":1}}"#
        let topology = try JSONDecoder().decode(StoredTopology.self, from: Data(old.utf8))
        #expect(topology.decode?.workers == 2 && topology.decode?.maxRunning == nil && topology.decode?.draftTokens == nil)
        var capped = topology
        capped.decode?.maxRunning = 6144
        capped.decode?.draftTokens = 2
        #expect(try JSONDecoder().decode(StoredTopology.self, from: JSONEncoder().encode(capped)) == capped)
    }

    /// One draft accepts 1.69 tokens a step, two 2.17, three the default 2.5; a measured acceptance
    /// length keeps the fewest drafts that reach it.
    @Test func draftTokensSetTheDefaultAcceptance() {
        let lengths = (1...3).map { SpeculativeDecoding.deepSeekMTP(draftTokens: $0).acceptanceLength }
        #expect(abs(lengths[0] - 1.691) < 1e-3 && abs(lengths[1] - 2.169) < 1e-3 && abs(lengths[2] - 2.5) < 1e-9, "\(lengths)")
        #expect(SpeculativeDecoding.named("mtp", acceptanceLength: 2.82) == SpeculativeDecoding(acceptanceLength: 2.82, draftTokens: 3))
        #expect(SpeculativeDecoding.named("MTP", draftTokens: 2)?.verifiedTokens == 3 && SpeculativeDecoding.named("none") == nil)
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
