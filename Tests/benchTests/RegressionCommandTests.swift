import BenchTesting
import Foundation
import Testing

/// `bench regressions` and `bench annotate` on a history of virtual quickstart runs with an
/// injected 15% slowdown (--sim-efficiency 0.85) in the last two.
@Suite struct RegressionCommandTests {
    @Test func anInjectedSlowdownIsListedUntilItIsAnnotatedAsIntended() throws {
        try withTemporaryDirectory("regressions") { folder in
            let db = folder.appendingPathComponent("bench.sqlite").path
            for efficiency in ["1", "1", "1", "1", "0.85", "0.85"] {
                let run = try BenchProcess.run([
                    "run", "--matrix", "matrices/quickstart.yaml", "--virtual", "--db", db, "--no-dashboard",
                    "--sim-efficiency", efficiency,
                ])
                #expect(run.status == 0, "\(run.stderr)")
            }
            let listed = try BenchProcess.run(["regressions", "--db", db, "--json"])
            #expect(listed.status == 0, "\(listed.stderr)")
            let findings = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            let regressions = findings.filter { $0["verdict"] as? String == "regression" }
            #expect(Set(regressions.compactMap { $0["runID"] as? Int }) == [6])
            #expect(regressions.allSatisfy { $0["shiftRunID"] as? Int == 5 })
            #expect(Set(regressions.compactMap { ($0["series"] as? [String: Any])?["hardware"] as? String }) == ["h200", "b200"])
            let text = try BenchProcess.run(["regressions", "--db", db])
            #expect(text.stdout.contains("regression") && text.stdout.contains("[manual/sim/virtual]"))

            let missing = try BenchProcess.run(["annotate", "99", "nothing", "--db", db])
            #expect(missing.status == 1 && missing.stderr.contains("has no run 99"), "\(missing.stderr)")
            let annotated = try BenchProcess.run(["annotate", "5", "moved to the slower cluster on purpose", "--db", db])
            #expect(annotated.status == 0, "\(annotated.stderr)")
            let after = try BenchProcess.run(["regressions", "--db", db])
            #expect(after.stdout.hasPrefix("no regressions"), "\(after.stdout)")

            let site = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("site").path
            #expect(try BenchProcess.run(["dashboard", "--db", db, "--out", site]).status == 0)
            let manifest = try String(contentsOfFile: site + "/manifest.json", encoding: .utf8)
            #expect(manifest.contains("moved to the slower cluster on purpose"))
        }
    }
}
