import BenchTesting
import Foundation
import Testing

/// `bench compare --sim-residuals` and the dashboard on a real-time series: the simulated engine
/// served over HTTP at 0.8 of the catalog's efficiencies (an engine running slow) against the
/// virtual simulation of the same deployments, beside a control served at 1.0.
@Suite struct SimResidualsCommandTests {
    /// Per point (concurrency order) the residual `bench compare` printed, and the residual and
    /// anomaly flag the dashboard's view file carries, both at a ±10% band.
    struct Residuals {
        var compared: [Double] = []
        var site: [Double?] = []
        var siteAnomalies: [Bool] = []
        var siteBand: Double?
    }

    func residuals(_ simArguments: [String]) throws -> Residuals {
        try withTemporaryDirectory("run") { folder in
            let matrix = folder.appendingPathComponent("m.yaml").path
            try RunCommandTests.matrix(concs: [4, 8], isl: 256, osl: 32).write(toFile: matrix, atomically: true, encoding: .utf8)
            let db = folder.appendingPathComponent("bench.sqlite").path
            let run = try BenchProcess.run(
                [
                    "run", "--matrix", matrix, "--db", db, "--logs", folder.appendingPathComponent("logs").path,
                    "--num-prompts-per-conc", "5", "--num-warmups-per-conc", "1", "--no-dashboard",
                ] + simArguments)
            #expect(run.status == 0, "\(run.stderr)")
            let compare = try BenchProcess.run(["compare", "--db", db, "--a", "hardware=h200", "--sim-residuals", "--band", "0.1", "--json"])
            #expect(compare.status == 0, "\(compare.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [String: Any]
            var out = Residuals(compared: (object?["points"] as? [[String: Any]] ?? []).compactMap { $0["residual"] as? Double })

            let site = folder.appendingPathComponent("site")
            let dashboard = try BenchProcess.run(["dashboard", "--db", db, "--out", site.path, "--sim-band", "0.1"])
            #expect(dashboard.status == 0, "\(dashboard.stderr)")
            let views = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("views").path)
            let file = try #require(views.first { $0.hasSuffix(".json") })
            let view = try JSONSerialization.jsonObject(with: Data(contentsOf: site.appendingPathComponent("views/\(file)"))) as? [String: Any]
            let series = try #require((view?["series"] as? [[String: Any]])?.first)
            let sim = try #require(series["sim"] as? [String: Any], "the measured series has no simulated columns")
            out.site = (sim["res"] as? [Any] ?? []).map { $0 as? Double }
            out.siteAnomalies = (sim["anom"] as? [Any] ?? []).map { $0 as? Double == 1 }
            let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: site.appendingPathComponent("manifest.json"))) as? [String: Any]
            out.siteBand = manifest?["simBand"] as? Double
            return out
        }
    }

    @Test func aSlowEngineOverHTTPIsFlaggedAgainstTheVirtualSimulation() async throws {
        try await realTimeTurn {
            let slow = try residuals(["--sim-arg=--efficiency-scale", "--sim-arg=0.8"])
            let control = try residuals([])
            #expect(slow.compared.count == 2 && control.compared.count == 2)
            // HTTP and scheduling cost the control a few percent; the slow engine loses ~15-20% more.
            #expect(slow.compared.allSatisfy { $0 < -0.1 && $0 > -0.45 }, "\(slow.compared)")
            #expect(control.compared.allSatisfy { abs($0) < 0.1 }, "\(control.compared)")
            #expect(zip(slow.compared, control.compared).allSatisfy { $0.1 - $0.0 > 0.08 }, "slow \(slow.compared), control \(control.compared)")
            // The dashboard carries the same residuals (to its 4 significant digits) and flags.
            for (measured, expected) in [(slow, true), (control, false)] {
                #expect(measured.siteBand == 0.1)
                #expect(
                    measured.site.count == 2 && zip(measured.site, measured.compared).allSatisfy { abs(($0.0 ?? .nan) - $0.1) < 1e-3 },
                    "site \(measured.site), compare \(measured.compared)")
                #expect(measured.siteAnomalies == [expected, expected])
            }
        }
    }
}
