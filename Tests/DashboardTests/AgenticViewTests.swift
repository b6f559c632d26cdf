import Analysis
import BenchTesting
import Catalog
import Foundation
import Testing

@testable import Dashboard

/// Agentic-coding points get views of their own: InferenceX's agentic x axes and the hit rates.
@Suite struct AgenticViewTests {
    static func points() -> [AnalysisPoint] {
        [(4, 40.0, 900.0, 0.61), (16, 22.0, 1500.0, 0.55)].enumerated().map { index, entry in
            let series = SeriesKey(
                model: "Qwen/Qwen3.5", precision: "fp8", isl: 0, osl: 0, hardware: "mi325x", framework: "sglang kv-dram",
                specDecoding: "mtp", disaggregated: false, run: 1)
            return AnalysisPoint(
                series: series, pointID: Int64(index + 1), concurrency: entry.0, gpus: 8, interactivity: entry.1 * 2, e2el: 20,
                totalPerGPU: entry.2, inputPerGPU: entry.2 * 0.95, outputPerGPU: entry.2 * 0.05, measuredJoulesPerToken: nil,
                deployment: "TP8 mtp", config: "qwen3.5-fp8-mi325x-sglang-agentic-mtp", date: Date(timeIntervalSince1970: 0),
                tails: LatencyTails(ttftP90: 2.5),
                agentic: AgenticFigures(
                    e2eNormalizedInteractivityP90: entry.1, e2eNormalizedInteractivityP75: entry.1 * 1.3, interactivityP90: entry.1 * 1.6,
                    ttftP90: 2.5, theoreticalCacheHitRate: 0.92, serverCacheHitRate: entry.3))
        }
    }

    @Test func theViewIsNamedForTheScenarioAndShipsTheAgenticAxesAndHitRates() throws {
        try withTemporaryDirectory("agentic-site") { folder in
            let out = folder.appendingPathComponent("site").path
            _ = try SiteWriter.write(points: Self.points(), runs: [SiteWriterTests.run], catalog: try Catalog.load(), to: out)
            let manifest = try String(contentsOfFile: "\(out)/manifest.json", encoding: .utf8)
            #expect(manifest.contains(#""scenario":"agentic-coding""#) && manifest.contains("Qwen3.5 FP8 agentic-coding"))
            let views = try FileManager.default.contentsOfDirectory(atPath: "\(out)/views")
            let viewJSON = try #require(views.first { $0.hasSuffix(".json") && !$0.contains("latest") } ?? views.first { $0.hasSuffix(".json") })
            let data = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/views/\(viewJSON)"))) as? [String: Any]
            let series = try #require((data?["series"] as? [[String: Any]])?.first)
            let x = try #require(series["x"] as? [String: Any])
            #expect(x["e2e-norm-interactivity-p90"] as? [Double] == [40, 22])
            #expect(x["e2e-norm-interactivity-p75"] as? [Double] == [52, 28.6])
            #expect(x["ttft-p90"] as? [Double] == [2.5, 2.5])
            #expect((series["hit"] as? [String: Any])?["server"] as? [Double] == [0.61, 0.55])
            let csvName = try #require(views.first { $0.hasSuffix(".csv") })
            let csv = try String(contentsOfFile: "\(out)/views/\(csvName)", encoding: .utf8)
            #expect(csv.contains("theoretical_cache_hit_rate,server_cache_hit_rate") && csv.contains(",0.92,0.61"))
            // Lower p90 TTFT is better: the frontier on that axis keeps the faster-first-token point.
            let view = try #require(DashboardModel.views(Self.points(), simulatedRuns: [], catalog: try Catalog.load()).first)
            #expect(view.header.scenario == "agentic-coding")
            #expect(view.series[0].frontier(x: .e2eNormalizedInteractivityP90).map { view.series[0].points[$0].conc } == [16, 4])
        }
    }

    @Test func fixedSeqLenSeriesShipNoAgenticColumns() throws {
        let view = try #require(DashboardModel.views(SiteWriterTests.points(), simulatedRuns: [], catalog: try Catalog.load()).first)
        let json = view.series[0].json
        #expect(view.header.scenario == nil && !json.contains("e2e-norm") && !json.contains("\"hit\""))
    }
}
