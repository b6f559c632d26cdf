import Analysis
import BenchTesting
import Catalog
import Foundation
import Testing

@testable import Dashboard

@Suite struct SiteWriterTests {
    static func points(hostileText: String = "TP8") -> [AnalysisPoint] {
        [("h200", 4, 180.0, 750.0), ("h200", 16, 75.0, 1240.0), ("h200", 8, 100.0, 700.0), ("b200", 8, 140.0, 1180.0)].enumerated().map {
            index, entry in
            let series = SeriesKey(
                model: "deepseek-ai/DeepSeek-R1-0528", precision: "fp8", isl: 1024, osl: 128, hardware: entry.0,
                framework: "sglang", specDecoding: "none", disaggregated: false, run: 1)
            return AnalysisPoint(
                series: series, pointID: Int64(index + 1), concurrency: entry.1, gpus: 8, interactivity: entry.2, e2el: 128 / entry.2,
                totalPerGPU: entry.3, inputPerGPU: entry.3 * 0.9, outputPerGPU: entry.3 * 0.1, measuredJoulesPerToken: nil,
                deployment: hostileText, config: "dsr1-\(entry.0)", date: Date(timeIntervalSince1970: 0))
        }
    }

    static let run = DashboardRun(
        id: 1, started: "2026-11-29T08:00:00Z", status: "finished", engine: "sim", clock: "real-time", host: "h",
        harnessVersion: "0.1.0", engineCommands: ["bench serve-sim --hardware h200"])

    @Test func theSiteHasItsPagesViewsAndADominatedPointOffTheFrontier() throws {
        try withTemporaryDirectory("site") { folder in
            let out = folder.appendingPathComponent("dashboard-static").path
            let summary = try SiteWriter.write(points: Self.points(), runs: [Self.run], catalog: try Catalog.load(), to: out)
            #expect(summary.views == 1 && summary.points == 4)
            for file in ["index.html", "app.js", "style.css", "manifest.json"] {
                #expect(FileManager.default.fileExists(atPath: "\(out)/\(file)"), "\(file)")
            }
            let views = try FileManager.default.contentsOfDirectory(atPath: "\(out)/views").sorted()
            #expect(views.count == 4 && views.allSatisfy { $0.hasPrefix("deepseek-ai-deepseek-r1-0528-fp8-1024-128-") })
            let viewJSON = try #require(views.first { $0.hasSuffix(".json") })
            let data = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/views/\(viewJSON)"))) as? [String: Any]
            let series = try #require(data?["series"] as? [[String: Any]])
            let h200 = try #require(series.first { $0["hardware"] as? String == "h200" })
            // Columns, rounded to 4 significant digits; the catalog figures the browser derives cost and power from.
            #expect(h200["conc"] as? [Int] == [4, 8, 16])
            #expect((h200["y"] as? [String: Any])?["tput-per-gpu"] as? [Double] == [750, 700, 1240])
            #expect((h200["x"] as? [String: Any])?["e2el"] as? [Double] == [0.7111, 1.28, 1.707])
            // app.js reads usd as [hyperscaler, neocloud, 3-year rental] (hardware.yaml's H200: $1.41, $1.74, $1.60).
            #expect(h200["kw"] as? Double == 1.73 && h200["usd"] as? [Double] == [1.41, 1.74, 1.60])
            let model = DashboardModel.views(Self.points(), simulatedRuns: [], catalog: try Catalog.load())
            let h200Series = try #require(model.first?.series.first { $0.hardware == "h200" })
            // conc 8 (100 tok/s/user, 700 tok/s/GPU) is beaten by conc 4 (180, 750): off the frontier.
            #expect(h200Series.frontier().map { h200Series.points[$0].conc } == [16, 4])
            // Cost: lower is better; the same two points, as cost is a falling function of throughput.
            #expect(h200Series.frontier(y: .costNeocloud).count == 2)
            let csv = try String(contentsOfFile: "\(out)/views/\(try #require(views.first { $0.hasSuffix(".csv") }))", encoding: .utf8)
            #expect(csv.split(separator: "\n").count == 5)
            let html = try String(contentsOfFile: "\(out)/index.html", encoding: .utf8)
            #expect(html.contains("<svg class=\"chart\"") && html.contains("<table>"))
            #expect(summary.firstViewBytes > 0)
        }
    }

    /// A point over the failure rate is shipped with its reason, drawn hollow (no-JS chart too) and never
    /// on a frontier, even where it would dominate.
    @Test func aFailedPointIsHollowWithItsReasonAndOffTheFrontier() throws {
        let failedSeries = SeriesKey(
            model: "deepseek-ai/DeepSeek-R1-0528", precision: "fp8", isl: 1024, osl: 128, hardware: "h200",
            framework: "sglang", specDecoding: "none", disaggregated: false, run: 1)
        // Better than every ok point on both axes: it would take the frontier if it counted.
        let failed = AnalysisPoint(
            series: failedSeries, pointID: 99, concurrency: 32, gpus: 8, interactivity: 200, e2el: 0.5, totalPerGPU: 2000,
            inputPerGPU: 1800, outputPerGPU: 200, measuredJoulesPerToken: nil, deployment: "TP8", config: "dsr1-h200",
            date: Date(timeIntervalSince1970: 0))
        let reason = "3 of 20 requests failed (15.0%, above the 5% limit)"
        let model = DashboardModel.views(Self.points(), failed: [(failed, reason)], simulatedRuns: [], catalog: try Catalog.load())
        let h200 = try #require(model.first?.series.first { $0.hardware == "h200" })
        #expect(h200.points.map(\.conc) == [4, 8, 16, 32] && h200.points.last?.failure == reason)
        #expect(h200.frontier().map { h200.points[$0].conc } == [16, 4], "the failed point is on no frontier")
        let encoded = try #require(try JSONSerialization.jsonObject(with: Data(h200.json.utf8)) as? [String: Any])
        let why = try #require(encoded["why"] as? [String: Any])
        #expect(why["names"] as? [String] == [reason] && why["of"] as? [Int] == [-1, -1, -1, 0])

        try withTemporaryDirectory("site") { folder in
            let out = folder.appendingPathComponent("dashboard-static").path
            _ = try SiteWriter.write(points: Self.points(), failed: [(failed, reason)], runs: [Self.run], catalog: try Catalog.load(), to: out)
            let html = try String(contentsOfFile: "\(out)/index.html", encoding: .utf8)
            #expect(html.contains(#"<circle class="failed""#) && html.contains("failed: \(reason)"))
            let csvName = try #require(try FileManager.default.contentsOfDirectory(atPath: "\(out)/views").first { $0.hasSuffix(".csv") })
            #expect(try String(contentsOfFile: "\(out)/views/\(csvName)", encoding: .utf8).contains(reason))
        }
    }

    /// A model name of long grapheme clusters made 60-character slugs of several hundred bytes, over the
    /// 255-byte file-name limit; slugs are ASCII now.
    @Test func aViewSlugIsAShortASCIIFileName() {
        let key = ViewKey(model: String(repeating: "e\u{301}\u{302}\u{303}", count: 100), precision: "fp8", isl: 1024, osl: 128)
        #expect(key.slug.utf8.count <= 67 && key.slug.allSatisfy { $0.isASCII })
        #expect(
            ViewKey(model: "deepseek-ai/DeepSeek-R1", precision: "fp8", isl: 1024, osl: 128).slug.hasPrefix("deepseek-ai-deepseek-r1-fp8-1024-128-"))
    }

    @Test func textFromTheDatabaseIsEscapedEverywhere() throws {
        let hostile = #"<script>alert("x")</script> & 'quotes'"#
        try withTemporaryDirectory("site") { folder in
            let out = folder.appendingPathComponent("dashboard-static").path
            var run = Self.run
            run.host = hostile
            _ = try SiteWriter.write(points: Self.points(hostileText: hostile), runs: [run], catalog: try Catalog.load(), to: out)
            let html = try String(contentsOfFile: "\(out)/index.html", encoding: .utf8)
            #expect(!html.contains("<script>alert"))
            #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;"))
            // Inside the embedded data no "</script>" can close the element early.
            #expect(html.components(separatedBy: "</script>").count == html.components(separatedBy: "<script").count)
            for file in try FileManager.default.contentsOfDirectory(atPath: "\(out)/views") where file.hasSuffix(".js") {
                #expect(!(try String(contentsOfFile: "\(out)/views/\(file)", encoding: .utf8)).contains("</script>"))
            }
        }
    }

    @Test func aNewSiteReplacesTheOldOneWhole() throws {
        try withTemporaryDirectory("site") { folder in
            let out = folder.appendingPathComponent("dashboard-static").path
            _ = try SiteWriter.write(points: Self.points(), runs: [Self.run], catalog: try Catalog.load(), to: out)
            try "stale".write(toFile: "\(out)/views/stale.json", atomically: true, encoding: .utf8)
            _ = try SiteWriter.write(points: [], runs: [], catalog: try Catalog.load(), to: out)
            #expect(!FileManager.default.fileExists(atPath: "\(out)/views/stale.json"))
            #expect(try String(contentsOfFile: "\(out)/index.html", encoding: .utf8).contains("No stored points yet"))
            let parent = URL(fileURLWithPath: out).deletingLastPathComponent().path
            #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["dashboard-static"], "no staging or retired folder left")
        }
    }

    @Test func aSiteAKillLeftRenamedAsideIsRestoredOrCleanedUp() throws {
        try withTemporaryDirectory("site") { folder in
            let out = folder.appendingPathComponent("dashboard-static").path
            _ = try SiteWriter.write(points: Self.points(), runs: [Self.run], catalog: try Catalog.load(), to: out)
            let parent = URL(fileURLWithPath: out).deletingLastPathComponent()
            // A publisher killed between its two renames: the old site aside, nothing in place.
            try FileManager.default.moveItem(atPath: out, toPath: parent.appendingPathComponent(".dashboard-static.old-99999").path)
            SiteWriter.recoverRetired(URL(fileURLWithPath: out))
            #expect(FileManager.default.fileExists(atPath: "\(out)/index.html"), "the old site is back")
            try FileManager.default.copyItem(atPath: out, toPath: parent.appendingPathComponent(".dashboard-static.old-99998").path)
            _ = try SiteWriter.write(points: [], runs: [], catalog: try Catalog.load(), to: out)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["dashboard-static"],
                "the leftover is removed by the next publish")
        }
    }
}
