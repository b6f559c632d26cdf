import Catalog
import Engines
import Foundation
import Metrics
import Store
import Testing

@testable import Dashboard

@Suite struct StoredSiteTests {
    /// A stored run whose point has requests and an engine command holding secrets (as a merged shard
    /// from elsewhere might): the site gets the point's drill-down, tails for the percentile switch
    /// and the TTFT cap, and no secret anywhere.
    @Test func aStoredPointGetsItsDrillDownTailsAndNoSecrets() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stored-site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ResultStore(path: folder.appendingPathComponent("bench.sqlite").path)
        let run = try store.beginRun(
            NewRun(
                trigger: "manual", harnessVersion: "test", host: "h", matrixDigest: "d",
                planJSON: #"{"matrixFiles":["matrices/quickstart.yaml"],"engine":"sim","virtual":true}"#, engine: "sim"))
        let deployment = StoredDeployment(
            naturalKey: "k", config: "dsr1-fp8-h200-sglang", model: "dsr1", precision: "fp8", hardware: "h200",
            framework: "sglang", gpus: 8, description: "TP8", tp: 8, ep: 1, dpAttention: false,
            specDecoding: "none", disaggregated: false)
        let records = PointDetailTests.records()
        let point = try store.record(
            StoredPoint(
                deployment: deployment, isl: 1024, osl: 5, concurrency: 2, status: .ok,
                engineCommand: "HF_TOKEN=hf_secret python3 -m sglang.launch_server --api-key sk-secret",
                metrics: PointMetrics(records: records, concurrency: 2, gpus: 8), requests: records,
                pointKey: "p"), run: run)
        try store.finishRun(run, status: .finished)
        let out = folder.appendingPathComponent("site").path
        let summary = try StoredSite.write(store: store, catalog: try Catalog.load(), to: out, redact: Redaction.text)
        #expect(summary.detailPoints == 1 && summary.detailBytes > 0)
        let detail = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/points/\(point).json"))) as? [String: Any]
        #expect((detail?["reproduce"] as? String)?.hasSuffix("--filter conc=2") == true)
        #expect(FileManager.default.fileExists(atPath: "\(out)/points/\(point).js"))
        let view = try #require(
            try FileManager.default.contentsOfDirectory(atPath: "\(out)/views").first { $0.hasSuffix(".json") && !$0.contains("latest") })
        let series = try #require(
            (JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/views/\(view)"))) as? [String: Any])?["series"]
                as? [[String: Any]])
        // 10 ms gaps in every request: 100 tok/s/user at p90 too; TTFT 50 ms at every percentile.
        #expect((series.first?["x"] as? [String: Any])?["interactivity-p90"] as? [Double] == [100])
        #expect((series.first?["cap"] as? [String: Any])?["ttft-p90"] as? [Double] == [0.05])
        let csv = try String(contentsOfFile: "\(out)/views/\(view.replacingOccurrences(of: ".json", with: ".csv"))", encoding: .utf8).split(
            separator: "\n")
        let ttftColumn = try #require(csv.first?.split(separator: ",").firstIndex(of: "ttft-p90"))
        #expect(csv.count == 2 && csv[1].split(separator: ",", omittingEmptySubsequences: false)[ttftColumn] == "0.05")
        for file in try FileManager.default.subpathsOfDirectory(atPath: out) {
            let text = (try? String(contentsOfFile: "\(out)/\(file)", encoding: .utf8)) ?? ""
            #expect(!text.contains("hf_secret") && !text.contains("sk-secret"), "\(file)")
        }
    }
}
