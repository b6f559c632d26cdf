import Catalog
import Foundation
import Testing

@testable import Matrix

@Suite struct ConcurrencyTests {
    @Test(arguments: [
        (4, 64, [4, 8, 16, 32, 64]),
        (4, 50, [4, 8, 16, 32, 50]),
        (16, 16, [16]),
        (3, 20, [3, 6, 12, 20]),
        (1, 1, [1]),
    ])
    func rangeDoublesAndClampsTheLastValue(start: Int, end: Int, expected: [Int]) {
        #expect(Concurrency.range(start: start, end: end).values() == expected)
    }

    @Test func listIsKeptAsWritten() {
        #expect(Concurrency.list([1536, 1024, 512]).values() == [1536, 1024, 512])
    }
}

@Suite struct ExpansionTests {
    @Test func singleNodePointsCarryDefaultsMaxModelLenAndGPUs() throws {
        let (set, _) = try load(
            singleNode(
                [
                    "{ tp: 8, conc-start: 4, conc-end: 16 }",
                    "{ tp: 8, ep: 8, dp-attn: true, conc-list: [256, 512] }",
                    "{ tp: 4, pp: 2, pcp-size: 2, dcp-size: 4, conc-start: 1, conc-end: 1 }",
                ], isl: 8192, osl: 1024))
        #expect(set.errors.isEmpty)
        let points = set.expand()
        #expect(points.map(\.conc) == [4, 8, 16, 256, 512, 1])
        #expect(points.allSatisfy { $0.deployment.maxModelLen == 8192 + 1024 + 256 })
        #expect(points.map(\.deployment.gpus) == [8, 8, 8, 8, 8, 16])
        #expect(points[0].deployment.expName == "dsr1_8k1k")
        guard case let .singleNode(p) = points[0].deployment.topology else { Issue.record("not single-node"); return }
        #expect(p.ep == nil && p.dpAttn == nil, "defaults stay unset so rows echo the file")
        #expect(Set(points.map(\.deployment.id)).count == 3, "one deployment per search-space entry")
    }

    @Test func multiNodeEntryIsOneDeploymentAtEachConcurrency() throws {
        let (set, _) = try load(multiNodeConfig)
        #expect(set.errors.isEmpty, "\(set.errors)")
        let points = set.expand()
        #expect(points.map(\.conc) == [8, 32, 128, 256, 512, 1000])
        #expect(Set(points.prefix(3).map(\.deployment.id)).count == 1)
        #expect(points[0].deployment.gpus == 2 * 4 + 1 * 16)
        #expect(points[3].deployment.gpus == 1 * 4 + 2 * 8)
        #expect(points[0].deployment.specDecoding == "mtp" && points[3].deployment.specDecoding == "none")
        #expect(points[0].deployment.maxModelLen == 9472)
    }

    @Test func maxConcNarrowsARangeOrRunsAtMaxWhenTheRangeStartsAbove() throws {
        let (set, _) = try load(singleNode(["{ tp: 8, conc-start: 4, conc-end: 64 }", "{ tp: 4, conc-start: 128, conc-end: 512 }"]))
        #expect(set.expand(ExpansionOptions(maxConc: 20)).map(\.conc) == [4, 8, 16, 20, 20])
    }

    @Test func minConcRaisesARangeStartAndDropsRangesBelowIt() throws {
        let (set, _) = try load(singleNode(["{ tp: 8, conc-start: 4, conc-end: 64 }", "{ tp: 4, conc-start: 1, conc-end: 8 }"]))
        #expect(set.expand(ExpansionOptions(minConc: 10)).map(\.conc) == [10, 20, 40, 64])
    }

    @Test func concLimitsFilterMultiNodeListsAndFallBackToMaxConc() throws {
        let (set, _) = try load(multiNodeConfig)
        #expect(set.expand(ExpansionOptions(minConc: 30, maxConc: 300)).map(\.conc) == [32, 128, 256])
        #expect(set.expand(ExpansionOptions(maxConc: 4)).map(\.conc) == [4, 4], "no value <= max-conc: run at max-conc")
    }

    @Test func seqLensKeepsOnlyTheNamedPairs() throws {
        let text =
            singleNode(["{ tp: 8, conc-start: 4, conc-end: 4 }"], key: "a", isl: 1024, osl: 1024)
            + singleNode(["{ tp: 8, conc-start: 4, conc-end: 4 }"], key: "b", isl: 8192, osl: 1024)
        let (set, _) = try load(text)
        let only8k1k = set.expand(ExpansionOptions(seqLens: [try #require(SeqLen(parsing: "8k1k"))]))
        #expect(only8k1k.map(\.deployment.configKey) == ["b"])
    }

    @Test(arguments: [
        ("1k1k", 1024, 1024), ("1k8k", 1024, 8192), ("8k1k", 8192, 1024), ("2048/128", 2048, 128),
        ("2k128", 2048, 128), ("4k4k", 4096, 4096),
    ])
    func seqLenNamesParse(text: String, isl: Int, osl: Int) {
        #expect(SeqLen(parsing: text) == SeqLen(isl: isl, osl: osl))
    }

    @Test func seqLenRejectsNonsense() {
        #expect(SeqLen(parsing: "long") == nil)
        #expect(SeqLen(parsing: "0/5") == nil)
    }

    @Test func agenticPointsAreExpandedAndExportedInEveryFormat() throws {
        let text = """
            dsr1-fp4-mi355x-sglang:
              image: x
              model: y
              model-prefix: dsr1
              runner: cluster:mi355x-amds
              precision: fp4
              framework: sglang
              multinode: false
              scenarios:
                fixed-seq-len:
                - isl: 1024
                  osl: 1024
                  search-space:
                  - { tp: 8, conc-start: 4, conc-end: 8 }
                agentic-coding:
                - dram-utilization: 0.5
                  search-space:
                  - { tp: 8, kv-offloading: dram, kv-offload-backend: { name: hicache }, conc-list: [1, 2] }
            """
        let (set, _) = try load(text)
        #expect(set.errors.isEmpty, "\(set.errors)")
        #expect(set.expand().count == 2)
        let agentic = set.expandAgentic()
        // Built-in host facts for cluster:mi355x-amds: 2,861,022 MiB (capped) × 1,048,576 × 0.5 × 8/8 = 1,499,999,502,336 B.
        #expect(agentic.map(\.entry.totalCPUDRAMGB) == [1499, 1499])
        let json = MatrixExport.render(set.expand(), agentic: agentic, format: .json, hardware: nil)
        let records = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(records.map { $0["scenario-type"] as? String } == ["fixed-seq-len", "fixed-seq-len", "agentic-coding", "agentic-coding"])
        #expect(records[2]["kv-offload-backend"] as? String == "hicache" && records[2]["isl"] == nil && records[2]["duration"] as? Int == 3600)
        let csv = MatrixExport.render([], agentic: agentic, format: .csv, hardware: nil).split(separator: "\n")
        #expect(csv.count == 3 && csv[1].contains(",dram,hicache,1499,3600,dsr1_tp8_conc1_kvdram-hicache,"))
        let table = MatrixExport.render(set.expand(), agentic: agentic, format: .table, hardware: nil)
        #expect(table.contains("agentic-coding:") && table.contains("2 agentic points, 1 configs (3600 s of trace replay each)"))
    }

    @Test func olderSeqLenConfigsFormatLoads() throws {
        let text = """
            dsr1-fp8-h200-trt:
              image: x
              model: y
              model-prefix: dsr1
              runner: h200
              precision: fp8
              framework: trt
              multinode: false
              seq-len-configs:
              - isl: 1024
                osl: 8192
                search-space:
                - { tp: 8, ep: 8, dp-attn: true, conc-start: 32, conc-end: 64 }
            """
        let (set, _) = try load(text)
        #expect(set.errors.isEmpty)
        #expect(set.warnings.contains { $0.message.contains("'seq-len-configs' in config 'dsr1-fp8-h200-trt' is the older layout") })
        #expect(set.expand().map(\.deployment.expName) == ["dsr1_1024_8192", "dsr1_1024_8192"], "InferenceX names only 1k1k and 8k1k")
    }

    @Test func idsFollowContentNotPosition() throws {
        let entries = ["{ tp: 8, conc-start: 4, conc-end: 8 }"]
        let (first, _) = try load(singleNode(entries))
        let (moved, _) = try load("# a comment that shifts every line\n\n" + singleNode(entries))
        let (changed, _) = try load(singleNode(["{ tp: 4, conc-start: 4, conc-end: 8 }"]))
        let ids = first.expand().map(\.id)
        #expect(ids == moved.expand().map(\.id))
        #expect(Set(ids).count == 2)
        #expect(Set(ids).isDisjoint(with: changed.expand().map(\.id)))
        #expect(ids.allSatisfy { $0.hasPrefix("p-") && $0.count == 18 })
    }
}

@Suite struct FilterTests {
    let catalog = try! Catalog.load()

    func points(_ filters: [String]) throws -> [BenchmarkPoint] {
        let text =
            singleNode(
                ["{ tp: 8, conc-start: 4, conc-end: 8 }", "{ tp: 8, ep: 8, dp-attn: true, conc-list: [64] }"],
                key: "dsr1-fp8-h200-sglang", runner: "h200")
            + singleNode(["{ tp: 4, conc-start: 4, conc-end: 4 }"], key: "dsr1-fp8-mi355x-sglang", runner: "mi355x-disagg")
            + multiNodeConfig
        let (set, _) = try load(text)
        let parsed = try filters.map { try PointFilter(parsing: $0) }
        return set.expand(ExpansionOptions(filters: parsed), catalog: catalog)
    }

    @Test func filtersMatchAlternativesGlobsAndEveryKey() throws {
        #expect(try points(["runner=h200"]).count == 3)
        #expect(try points(["hardware=mi355x"]).map(\.deployment.configKey) == ["dsr1-fp8-mi355x-sglang"])
        #expect(try points(["config=dsr1-fp8-*"]).count == 4)
        #expect(try points(["tp=4,16"]).count == 1 + 6, "multi-node points match on either pool")
        #expect(try points(["dp-attn=true", "multinode=false"]).map(\.conc) == [64])
        #expect(try points(["conc=4", "precision=FP8"]).count == 2, "values compare case-insensitively")
        #expect(try points(["spec-decoding=mtp"]).map(\.conc) == [8, 32, 128])
        #expect(try points(["seq-len=8k1k", "gpus=24"]).count == 3)
    }

    @Test func badFiltersSayHowToFixThem() {
        #expect(throws: Diagnostic.self) { try PointFilter(parsing: "runner") }
        do {
            _ = try PointFilter(parsing: "runer=h200")
            Issue.record("accepted an unknown key")
        } catch {
            #expect(error.description.contains("unknown filter key 'runer'") && error.description.contains("did you mean 'runner'?"))
        }
    }

    @Test func globMatching() {
        #expect(Glob.matches("dsr1-*-h200-*", "dsr1-fp8-h200-sglang"))
        #expect(Glob.matches("h?00", "h200"))
        #expect(!Glob.matches("h?00", "mi300x"))
        #expect(Glob.matches("*", ""))
    }
}
