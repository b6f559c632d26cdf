import BenchTesting
import Foundation
import Testing

/// `bench pareto` and `bench compare` on stored points whose frontiers are known: six H200 points
/// with dominated points on either x axis, and two B200 points at twice H200's throughput, ingested
/// as an InferenceX results file.
@Suite struct AnalysisCommandTests {
    /// (conc, interactivity tok/s/user, E2E latency s, tok/s/GPU), as in FrontierTests.
    static let h200: [(conc: Int, interactivity: Double, e2el: Double, perGPU: Double)] = [
        (4, 50, 2, 100), (8, 40, 3, 300), (6, 45, 3.2, 200), (32, 20, 5, 600), (64, 10, 6, 500), (2, 45, 1.5, 90),
    ]
    static let b200: [(conc: Int, interactivity: Double, e2el: Double, perGPU: Double)] = [(32, 20, 4, 1200), (4, 50, 1.8, 200)]

    /// Two hardware's frontiers ingested into a database in `folder`; its path.
    static func database(in folder: URL) throws -> String {
        let entries = [("h200", h200), ("b200", b200)].flatMap { hardware, points in
            points.map { point in
                [
                    "hw": hardware, "tp": 8, "conc": point.conc, "isl": 1024, "osl": 1024, "model": "dsr1", "framework": "sglang", "precision": "fp8",
                    "tput_per_gpu": point.perGPU, "output_tput_per_gpu": point.perGPU / 2, "median_tpot": 1 / point.interactivity,
                    "median_e2el": point.e2el,
                ] as [String: Any]
            }
        }
        let file = folder.appendingPathComponent("results.json")
        try JSONSerialization.data(withJSONObject: entries).write(to: file)
        let db = folder.appendingPathComponent("bench.sqlite").path
        let ingest = try BenchProcess.run(["ingest", file.path, "--db", db])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return db
    }

    /// `bench pareto --json` rows; typed: numbers are numbers, booleans booleans.
    static func frontier(_ db: String, _ arguments: [String]) throws -> [[String: Any]] {
        let pareto = try BenchProcess.run(["pareto", "--db", db, "--json"] + arguments)
        #expect(pareto.status == 0, "\(pareto.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(pareto.stdout.utf8)) as? [[String: Any]])
        #expect(rows.allSatisfy { $0["x"] is Double && $0["y"] is Double && $0["conc"] is Int && $0["isl"] is Int && $0["disagg"] as? Bool != nil })
        return rows
    }

    @Test func paretoKeepsExactlyTheUndominatedPointsOnEitherXAxis() throws {
        try withTemporaryDirectory("analysis") { folder in
            let db = try Self.database(in: folder)
            // Interactivity: conc 64 is beaten by conc 32, conc 2 by conc 6 and 4; increasing x.
            let byInteractivity = try Self.frontier(db, ["--filter", "hardware=h200"])
            #expect(byInteractivity.map { $0["conc"] as? Int } == [32, 8, 6, 4])
            let xs = byInteractivity.compactMap { $0["x"] as? Double }
            #expect(xs.count == 4 && zip(xs, [20.0, 40, 45, 50]).allSatisfy { abs($0 - $1) < 1e-9 }, "\(xs)")
            // No repeats: each row's interval is the point itself.
            #expect(
                byInteractivity.allSatisfy {
                    $0["repeats"] as? Int == 1 && $0["x_min"] as? Double == $0["x"] as? Double && $0["y_max"] as? Double == $0["y"] as? Double
                })
            // E2E latency, lower is better: conc 6 is beaten by conc 8, and conc 2, the fastest, is on it.
            let byLatency = try Self.frontier(db, ["--filter", "hardware=h200", "--x", "e2el"])
            #expect(byLatency.map { $0["conc"] as? Int } == [2, 4, 8, 32])
            #expect(byLatency.map { $0["x"] as? Double } == [1.5, 2, 3, 5] && byLatency.allSatisfy { $0["x_metric"] as? String == "e2el" })
            let text = try BenchProcess.run(["pareto", "--db", db, "--filter", "hardware=h200", "--x", "e2el"])
            #expect(text.stdout.contains("4 of 6 points on the frontier"))
        }
    }

    /// The conc-32 H200 point (600 tok/s/GPU) under every catalog metric, worked out by hand from the
    /// catalog's H200 figures (1.73 kW; $1.41, $1.74, $1.60 per GPU-hour): 600 tok/s is 2.16 M tokens an hour.
    static let workedOut: [(String, Double)] = [
        ("usd-per-mtok-hyperscaler", 1.41 / 2.16), ("usd-per-mtok-neocloud", 1.74 / 2.16), ("usd-per-mtok-rental-3yr", 1.60 / 2.16),
        ("tok-per-mw", 600_000 / 1.73), ("joules-per-token", 1730.0 / 600), ("tput-per-gpu", 600), ("output-tput-per-gpu", 300),
        ("input-tput-per-gpu", 300),
    ]

    @Test(arguments: workedOut)
    func paretoReportsEachFigureByValue(metric: String, expected: Double) throws {
        try withTemporaryDirectory("analysis") { folder in
            let rows = try Self.frontier(try Self.database(in: folder), ["--filter", "hardware=h200", "--y", metric])
            let row = try #require(rows.first { $0["conc"] as? Int == 32 })
            let value = try #require(row["y"] as? Double)
            #expect(abs(value - expected) <= 1e-12 * expected, "\(metric): \(value), worked out \(expected)")
            #expect(rows.count == 4, "cost and power are falling or rising functions of throughput: the same frontier")
        }
    }

    @Test func compareReadsBothFrontiersAtTheirKnots() throws {
        try withTemporaryDirectory("analysis") { folder in
            let db = try Self.database(in: folder)
            let compare = try BenchProcess.run(["compare", "--db", db, "--a", "hardware=b200", "--b", "hardware=h200", "--at", "20,50,60", "--json"])
            #expect(compare.status == 0, "\(compare.stderr)")
            let result = try #require(try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [String: Any])
            let at = try #require(result["at"] as? [[String: Any]])
            // B200 doubles H200 at both of its knots; 60 tok/s/user is beyond both frontiers.
            #expect(at.map { ($0["ratio"] as? Double).map { ($0 * 1e9).rounded() / 1e9 } } == [2, 2, nil])
            let text = try BenchProcess.run(["compare", "--db", db, "--a", "hardware=b200", "--b", "hardware=h200", "--at", "20"])
            #expect(text.stdout.contains("1200.00") && text.stdout.contains("600.00"), "\(text.stdout)")

            let csvPath = folder.appendingPathComponent("pareto.csv").path
            let csv = try BenchProcess.run(["pareto", "--db", db, "--filter", "hardware=h200", "--csv", csvPath, "--y", "usd-per-mtok-neocloud"])
            #expect(csv.status == 0)
            let lines = try String(contentsOfFile: csvPath, encoding: .utf8).split(separator: "\n")
            #expect(lines.first?.hasPrefix("model,precision,isl,osl,hardware,framework") == true)
            #expect(lines.count == 5)
        }
    }

    @Test func anAmbiguousOrEmptySelectionSaysHowToNarrowIt() throws {
        try withTemporaryDirectory("analysis") { folder in
            let db = try Self.database(in: folder)
            let none = try BenchProcess.run(["compare", "--db", db, "--a", "hardware=mi355x", "--b", "hardware=h200"])
            #expect(none.status == 1 && none.stderr.contains("matches no stored series"))
            let bad = try BenchProcess.run(["pareto", "--db", db, "--filter", "gpu=8"])
            #expect(bad.status != 0 && bad.stderr.contains("KEY one of model"))
        }
    }
}
