import BenchTesting
import Catalog
import Foundation
import Testing

@testable import Matrix

/// Real and hand-written InferenceX master configs expand to exactly the rows InferenceX's
/// `generate_sweep_configs.py full-sweep --no-evals` writes (compared as a multiset of rows, every
/// key and value), and files its validator rejects are rejected here too (see Fixtures/README.md).
@Suite struct InferenceXCompatibilityTests {
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    private func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// The matrix loaded as `bench matrix expand --runner-config RUNNERS` loads it, and its rows for both scenario types.
    private func rows(_ matrix: String, runners: String) throws -> (set: MatrixSet, rows: [String]) {
        let catalog = try Catalog.load()
        let set = MatrixSet.load(paths: [fixture(matrix)], runners: try RunnerTable.load(path: fixture(runners)), hardware: catalog)
        let text = GitHubActionsRows.rows(set.expand(), agentic: set.expandAgentic()).text
        return (set, try canonicalRows(Data(text.utf8)))
    }

    @Test func currentAMDMasterMatchesTheGeneratorRows() throws {
        let (set, ours) = try rows("inferencex-amd-master.yaml", runners: "inferencex-runners.yaml")
        #expect(set.errors.isEmpty, "\(set.errors)")
        #expect(set.configs.count == 56)
        let expected = try canonicalRows(Data(contentsOf: fixtures.appendingPathComponent("inferencex-amd-master.expected.json")))
        #expect(expected.count == 306 + 159)
        expectSameMultiset(ours, expected)
    }

    @Test func handWrittenShapesMatchTheGeneratorRows() throws {
        let (set, ours) = try rows("conformance/shapes.yaml", runners: "conformance/runners.yaml")
        #expect(set.errors.isEmpty, "\(set.errors)")
        let expected = try canonicalRows(Data(contentsOf: fixtures.appendingPathComponent("conformance/shapes.expected.json")))
        #expect(expected.count == 16)
        expectSameMultiset(ours, expected)
    }

    /// The same shapes, read value by value, so a wrong expected file cannot hide a wrong rule.
    @Test func shapesCarryTheirComponentsBudgetsAndGPUCounts() throws {
        let set = MatrixSet.load(
            paths: [fixture("conformance/shapes.yaml")],
            runners: try RunnerTable.load(path: fixture("conformance/runners.yaml")))
        let points = set.expand()
        let routed = points.filter { $0.deployment.configKey == "dsr1-fp8-h200-sglang-router" }
        #expect(routed.map(\.conc) == [4, 8, 12, 64])
        #expect(routed.map { $0.deployment.router?.label } == [nil, nil, nil, "sglang-router@0.3.2"])
        let disagg = points.filter { $0.deployment.configKey == "dsr1-fp4-b200-dynamo-trt" }
        #expect(disagg.map { $0.deployment.kvP2PTransfer } == ["nixl", "nixl", "nixl", "mooncake"])
        #expect(disagg.allSatisfy { $0.deployment.router == ComponentMetadata(name: "dynamo-router", version: "1.3.0") })
        // Prefill 1×TP4 = 4 GPUs; decode 2 workers × TP8 × PCP2 = 32.
        #expect(disagg[0].deployment.gpus == 36)
        let aggregated = try #require(points.first { $0.deployment.configKey == "kimik2.5-int4-gb300-vllm-agg" })
        #expect(aggregated.deployment.gpus == 16, "no decode workers: only the prefill pool's 1 × TP16")

        let agentic = set.expandAgentic()
        #expect(agentic.count == 7)
        // 2,861,022 MiB (the 3 TB cap; the host has 3,095,781) × 1,048,576 B × 0.80 × 4 of 8 GPUs = 1,199,999,601,868.8 B → 1199 GB.
        let dram = try #require(agentic.first { $0.expName == "dsv4_tp4_conc8_kvdram-hicache" })
        #expect(dram.entry.totalCPUDRAMGB == 1199)
        // 860,160 MiB × 1,048,576 B × 0.5 × one 2-GPU prefill worker of 4 GPUs per node = 225,485,783,040 B → 225 GB.
        let multi = try #require(agentic.first { $0.conc == 32 })
        #expect(multi.entry.totalCPUDRAMGB == 225)
        #expect(multi.expName == "glm5_p2x2ep2_d1x8ep8dpa_conc32_kvdram-lmcache")
        #expect(agentic.first { $0.conc == 1 }?.expName == "dsv4_tp8_conc1_kvnone_spec-mtp")
    }

    /// vLLM's DEP pools (tp 1, ep N, dp-attn) span N GPUs, as InferenceX's recipes count them
    /// (DECODE_GPUS), while its generator sizes an agentic DRAM budget by tp alone: both kept.
    @Test func aDEPPoolCountsItsExpertRanksAsGPUsButTheDRAMBudgetFollowsTheGenerator() throws {
        let text = try String(contentsOfFile: fixture("conformance/shapes.yaml"), encoding: .utf8)
            .replacingOccurrences(
                of: "prefill: { num-worker: 2, tp: 2, ep: 2, dp-attn: false }", with: "prefill: { num-worker: 2, tp: 1, ep: 2, dp-attn: true }")
        try withTemporaryDirectory("matrix") { folder in
            let path = try folder.writing(text, to: "matrix.yaml")
            let set = MatrixSet.load(paths: [path], runners: try RunnerTable.load(path: fixture("conformance/runners.yaml")))
            let multi = try #require(set.expandAgentic().first { $0.conc == 32 })
            // 860,160 MiB × 1,048,576 B × 0.5 × one 1-GPU (tp) prefill worker of 4 GPUs per node = 112,742,891,520 B → 112 GB.
            #expect(multi.entry.totalCPUDRAMGB == 112)
            #expect(multi.gpus == 2 * 2 + 8, "two DEP2 prefill workers (4 GPUs) and one TP8 decode worker")
        }
    }

    @Test func scenarioAndConcurrencyOptionsSelectAgenticPoints() throws {
        let set = MatrixSet.load(
            paths: [fixture("conformance/shapes.yaml")],
            runners: try RunnerTable.load(path: fixture("conformance/runners.yaml")))
        let onlyAgentic = ExpansionOptions(scenarios: [.agenticCoding])
        #expect(set.expand(onlyAgentic).isEmpty)
        #expect(set.expandAgentic(onlyAgentic).count == 7)
        #expect(set.expandAgentic(ExpansionOptions(scenarios: [.fixedSeqLen])).isEmpty)
        // Agentic concurrencies are only filtered: no max-conc point is added, no range narrowed.
        #expect(set.expandAgentic(ExpansionOptions(minConc: 10, maxConc: 100)).map(\.conc) == [16, 32, 64])
    }

    @Test func runnerLabelsResolveToCatalogGPUs() throws {
        let catalog = try Catalog.load()
        let table = try RunnerTable.load(path: fixture("conformance/runners.yaml"))
        #expect(table.hardwareName(forRunner: "cluster:mi355x-amds", naming: catalog) == "mi355x")
        #expect(table.hardwareName(forRunner: "gb300-nv", naming: catalog) == "gb300")
        #expect(table.hardwareName(forRunner: "b200-multinode", naming: catalog) == "b200")
        #expect(table.hardwareName(forRunner: "my-fleet", naming: catalog) == "b300", "resolved through its machines")
        #expect(RunnerTable.builtIn.hardwareName(forRunner: "cluster:rtx6000pro-lat", naming: catalog) == "rtx6000pro")
    }

    @Test func anUnknownRunnerIsAPositionedErrorNamingTheLabels() throws {
        try withTemporaryDirectory("matrix") { folder in
            let path = try folder.writing(singleNode(["{ tp: 8, conc-list: [4] }"], runner: "tpu-v5"), to: "tpu.yaml")
            let set = MatrixSet.load(
                paths: [path], runners: try RunnerTable.load(path: fixture("conformance/runners.yaml")),
                hardware: try Catalog.load())
            let error = try #require(set.errors.first)
            #expect(error.description.hasPrefix("\(path):1:1: error: runner 'tpu-v5'"))
            #expect(error.description.contains("labels: b200-multinode, cluster:gb200-nv, cluster:mi355x-amds, gb300-nv, h200, my-fleet"))
            // A GPU name that is not a label of the user's file is only a warning (InferenceX's generator does not check).
            let known = MatrixSet.load(
                paths: [try folder.writing(singleNode(["{ tp: 8, conc-list: [4] }"], runner: "b300"), to: "b300.yaml")],
                runners: try RunnerTable.load(path: fixture("conformance/runners.yaml")), hardware: try Catalog.load())
            #expect(known.errors.isEmpty)
            #expect(known.warnings.contains { $0.message.contains("runner 'b300' of 'dsr1-fp8-h200-sglang' is not a label") })
        }
    }

    @Test func aBrokenRunnerConfigIsRefusedWithPositions() throws {
        try withTemporaryDirectory("runners") { folder in
            let path = try folder.writing("labels:\n  h200: []\nhardware:\n  h200: { gpus-per-node: 0 }\n", to: "runners.yaml")
            #expect(throws: DiagnosticsError.self) { try RunnerTable.load(path: path) }
            do {
                _ = try RunnerTable.load(path: path)
            } catch {
                let text = "\(error)"
                #expect(text.contains("\(path):2:9: error: runner label 'h200' must be a non-empty list of machine names"))
                #expect(text.contains("hardware 'h200' is missing required key 'available-cpu-dram-mib'"))
                #expect(text.contains("'gpus-per-node' in hardware 'h200' must be positive, got 0"))
            }
        }
    }

    /// Each file here is rejected by InferenceX's validator too (checked with its generator; Fixtures/README.md).
    @Test(arguments: [
        ("disagg-no-transfer", "16:9: error: disaggregated config 'c' does not say how KV moves between its pools"),
        ("router-both-scopes", "15:9: error: config 'c' declares 'router' at the top level and in a search-space entry"),
        ("transfer-single-node", "9:3: error: 'kv-p2p-transfer' in single-node config 'c'"),
        ("agentic-not-cluster", "7:3: error: config 'c' has agentic-coding scenarios but runner 'mi355x' is not a cluster label"),
        (
            "dram-no-utilization",
            "12:9: error: single-node agentic search-space entry of 'c' offloads KV to DRAM but its block has no 'dram-utilization'"
        ),
        ("backend-without-offload", "12:39: error: single-node agentic search-space entry of 'c' names a 'kv-offload-backend' without offloading"),
        ("hardware-one-pool", "error: 'hardware' is set on one pool of a multi-node search-space entry of 'c'"),
        ("dcp-not-dividing-tp", "14:18: error: 'tp' (8) must be divisible by 'dcp-size' (3)"),
        (
            "router-image-version",
            "error: 'version' in 'router' of a single-node search-space entry of 'c' (isl 1024, osl 1024) is an image reference"
        ),
        ("unknown-scenario", "10:5: error: unknown key 'fixed-seq-lenn' in 'scenarios' of config 'c' (did you mean 'fixed-seq-len'?)"),
        ("single-agentic-no-offloading", "12:9: error: single-node agentic search-space entry of 'c' is missing required key 'kv-offloading'"),
    ])
    func filesInferenceXRejectsAreRejected(name: String, error: String) throws {
        let path = fixture("conformance/rejected/\(name).yaml")
        let set = MatrixSet.load(paths: [path], runners: try RunnerTable.load(path: fixture("conformance/runners.yaml")))
        #expect(set.errors.contains { $0.description.contains(error) && $0.description.hasPrefix(path + ":") }, "\(set.errors)")
    }

    /// An older InferenceX excerpt (commit 008b53a8) that today's InferenceX rejects: a disaggregated config
    /// without kv-p2p-transfer and the old agentic keys. bench rejects it for the same reasons.
    @Test func olderMasterExcerptIsRejectedAsInferenceXRejectsIt() throws {
        let set = MatrixSet.load(paths: [fixture("inferencex-amd-master-excerpt.yaml")])
        let messages = set.errors.map(\.message)
        #expect(messages.contains { $0.contains("does not say how KV moves between its pools") })
        #expect(messages.contains { $0.contains("unknown key 'duration' in an agentic-coding block") })
        #expect(messages.contains { $0.contains("unknown key 'offloading' in single-node agentic search-space entry") })
    }

    private func expectSameMultiset(_ ours: [String], _ expected: [String]) {
        #expect(ours.count == expected.count)
        let missing = expected.sorted().filter { !ours.contains($0) }
        let extra = ours.sorted().filter { !expected.contains($0) }
        if let row = missing.first { Issue.record("row bench lacks: \(row)") }
        if let row = extra.first { Issue.record("row InferenceX lacks: \(row)") }
        #expect(ours.sorted() == expected.sorted())
    }

    /// Each row re-serialised with sorted keys, so key order does not matter but every value does.
    private func canonicalRows(_ data: Data) throws -> [String] {
        let rows = try #require(try JSONSerialization.jsonObject(with: data) as? [Any])
        return try rows.map { row in
            String(decoding: try JSONSerialization.data(withJSONObject: row, options: [.sortedKeys]), as: UTF8.self)
        }
    }
}
