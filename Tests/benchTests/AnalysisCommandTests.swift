import Foundation
import Testing

/// `bench pareto` and `bench compare` on a stored sweep: their numbers agree with each other.
@Suite struct AnalysisCommandTests {
    static func sweptDatabase() throws -> String {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("analysis-\(UUID().uuidString)/bench.sqlite").path
        let run = try BenchProcess.run(["run", "--matrix", "matrices/quickstart.yaml", "--virtual", "--db", db])
        #expect(run.status == 0, "\(run.stderr)")
        return db
    }

    @Test func paretoListsEachSeriesFrontierAndCompareReadsTheSameKnots() throws {
        let db = try Self.sweptDatabase()
        let pareto = try BenchProcess.run(["pareto", "--db", db, "--json"])
        #expect(pareto.status == 0, "\(pareto.stderr)")
        // Typed: numbers are numbers, booleans booleans.
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(pareto.stdout.utf8)) as? [[String: Any]])
        #expect(Set(rows.compactMap { $0["hardware"] as? String }) == ["h200", "b200"])
        #expect(rows.allSatisfy { $0["x"] is Double && $0["conc"] is Int && $0["isl"] is Int && $0["disagg"] as? Bool == false })
        // Every quickstart point lies on its series' frontier (more concurrency: more throughput, less interactivity).
        #expect(rows.count == 5)
        let h200 = rows.filter { $0["hardware"] as? String == "h200" }.sorted { ($0["x"] as! Double) < ($1["x"] as! Double) }
        let knot = try #require(h200.first)
        let knotX = try #require(knot["x"] as? Double), knotY = try #require(knot["y"] as? Double)

        let compare = try BenchProcess.run(["compare", "--db", db, "--a", "hardware=b200", "--b", "hardware=h200", "--at", "\(knotX)", "--json"])
        #expect(compare.status == 0, "\(compare.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [String: Any])
        let at = try #require((result["at"] as? [[String: Any]])?.first)
        // B200 at H200's lowest-interactivity knot: the ratio is b200's curve over exactly that knot's y.
        let ratio = try #require(at["ratio"] as? Double)
        #expect(ratio > 1, "B200 beats H200 at equal interactivity")
        let text = try BenchProcess.run(["compare", "--db", db, "--a", "hardware=b200", "--b", "hardware=h200", "--at", "\(knotX)"])
        #expect(text.stdout.contains(String(format: "%.2f", knotY)), "b's value at its own knot is the knot's y")
        let median = try #require(result["median"] as? Double)
        #expect(median > 1)

        let csvPath = FileManager.default.temporaryDirectory.appendingPathComponent("pareto-\(UUID().uuidString).csv").path
        let csv = try BenchProcess.run(["pareto", "--db", db, "--csv", csvPath, "--y", "usd-per-mtok-neocloud"])
        #expect(csv.status == 0)
        let lines = try String(contentsOfFile: csvPath, encoding: .utf8).split(separator: "\n")
        #expect(lines.first?.hasPrefix("model,precision,isl,osl,hardware,framework") == true)
        #expect(lines.count == 6)
    }

    @Test func anAmbiguousOrEmptySelectionSaysHowToNarrowIt() throws {
        let db = try Self.sweptDatabase()
        let none = try BenchProcess.run(["compare", "--db", db, "--a", "hardware=mi355x", "--b", "hardware=h200"])
        #expect(none.status == 1 && none.stderr.contains("matches no stored series"))
        let bad = try BenchProcess.run(["pareto", "--db", db, "--filter", "gpu=8"])
        #expect(bad.status != 0 && bad.stderr.contains("KEY one of model"))
    }
}
