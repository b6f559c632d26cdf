import BenchTesting
import Catalog
import Foundation
import Matrix
import Metrics
import Store
import Testing

@testable import Orchestrator

/// bench's points written as InferenceX aggregated rows and read back give the same headline metrics.
@Suite struct InferenceXRoundTripTests {
    static let matrix = """
        dsr1-fp8-h200-sglang:
          image: img
          model: deepseek-ai/DeepSeek-R1-0528
          model-prefix: dsr1
          runner: h200
          precision: fp8
          framework: sglang
          multinode: false
          scenarios:
            fixed-seq-len:
            - isl: 1024
              osl: 128
              search-space:
              - { tp: 8, conc-list: [4, 16] }
              - { tp: 8, ep: 8, dp-attn: true, spec-decoding: mtp, conc-list: [16] }
        dsr1-fp4-gb200-dynamo:
          image: img
          model: nvidia/DeepSeek-R1-0528-FP4
          model-prefix: dsr1
          runner: gb200
          precision: fp4
          framework: dynamo-sglang
          multinode: true
          disagg: true
          kv-p2p-transfer: nixl
          scenarios:
            fixed-seq-len:
            - isl: 1024
              osl: 128
              search-space:
              - conc-list: [64]
                prefill: { num-worker: 1, tp: 4, ep: 4, dp-attn: true }
                decode: { num-worker: 1, tp: 8, ep: 8, dp-attn: true }
        llama-agg:
          image: img
          model: meta-llama/Llama-3.3-70B-Instruct
          model-prefix: llama70b
          runner: h200-multinode
          precision: fp8
          framework: vllm
          multinode: true
          scenarios:
            fixed-seq-len:
            - isl: 1024
              osl: 128
              search-space:
              - conc-list: [8]
                prefill: { num-worker: 1, tp: 4, ep: 1, dp-attn: false }
                decode: { num-worker: 0, tp: 4, ep: 1, dp-attn: false }
        """

    @Test func ingestOfExportReproducesEveryHeadlineMetric() async throws {
        try await withTemporaryDirectory("virtual-sweep") { folder in
            let sweep = try await VirtualSweepFixture(matrix: Self.matrix, in: folder)
            let catalog = sweep.catalog
            #expect(sweep.outcome.stored == 5 && sweep.outcome.failed == 0)

            let original = try sweep.store.points(run: sweep.runID)
            let text = InferenceXRows.rows(original).text
            let points = try ResultFile.points(json: Data(text.utf8), path: "rows.json", flags: IngestSettings(), hardware: catalog)
            let copy = try ResultStore(path: folder.appendingPathComponent("b.sqlite").path)
            #expect(try copy.ingest(points, runUID: "rt", source: "rows", harnessVersion: "t", host: "h").points == 5)
            let read = try copy.points(run: nil)

            func key(_ row: PointRow) -> String {
                [
                    row.deployment.model, row.deployment.hardware, row.deployment.specDecoding ?? "none", "\(row.deployment.gpus)",
                    "\(row.deployment.disaggregated ?? false)", "\(row.concurrency)",
                ].joined(separator: "|")
            }
            let byKey = Dictionary(uniqueKeysWithValues: read.map { (key($0), $0) })
            for row in original {
                let twin = try #require(byKey[key(row)], "no ingested twin for \(key(row))")
                let (a, b) = (try #require(row.metrics), try #require(twin.metrics))
                let pairs: [(String, Double?, Double?)] = [
                    ("tput_per_gpu", a.totalThroughputPerGPU, b.totalThroughputPerGPU),
                    ("input_tput_per_gpu", a.inputThroughputPerGPU, b.inputThroughputPerGPU),
                    ("output_tput_per_gpu", a.outputThroughputPerGPU, b.outputThroughputPerGPU),
                    ("interactivity", a.interactivity, b.interactivity), ("median_ttft", a.ttft?.median, b.ttft?.median),
                    ("p99_ttft", a.ttft?.p99, b.ttft?.p99), ("median_tpot", a.tpot?.median, b.tpot?.median), ("p99_tpot", a.tpot?.p99, b.tpot?.p99),
                    ("median_itl", a.itl?.median, b.itl?.median), ("median_e2el", a.e2el?.median, b.e2el?.median),
                    ("p90_e2el", a.e2el?.p90, b.e2el?.p90),
                ]
                for (name, x, y) in pairs {
                    let (x, y) = (try #require(x, "\(name) of \(key(row))"), try #require(y, "\(name) of the copy of \(key(row))"))
                    #expect(abs(x - y) <= 1e-12 * max(1, abs(x)), "\(name) of \(key(row)): \(x) became \(y)")
                }
                #expect(
                    twin.isl == row.isl && twin.osl == row.osl
                        && twin.deployment.topology?.poolGPUs?.prefill == row.deployment.topology?.poolGPUs?.prefill)
            }
            // A second ingest of the same rows adds nothing.
            #expect(try copy.ingest(points, runUID: "rt", source: "rows", harnessVersion: "t", host: "h").points == 0)
        }
    }
}
