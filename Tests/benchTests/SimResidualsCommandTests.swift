import BenchTesting
import Foundation
import Testing

/// `bench compare --sim-residuals` on a real-time series: the simulated engine served over HTTP
/// at 0.8 of the catalog's efficiencies (an engine running slow) against the virtual simulation
/// of the same deployments, beside a control served at 1.0.
@Suite struct SimResidualsCommandTests {
    func residuals(_ simArguments: [String]) throws -> [Double] {
        try withTemporaryDirectory("run") { folder in
            let matrix = folder.appendingPathComponent("m.yaml").path
            try RunCommandTests.matrix(concs: [4, 8], isl: 256, osl: 32).write(toFile: matrix, atomically: true, encoding: .utf8)
            let db = folder.appendingPathComponent("bench.sqlite").path
            let run = try BenchProcess.run(["run", "--matrix", matrix, "--db", db, "--logs", folder.appendingPathComponent("logs").path,
                                            "--num-prompts-per-conc", "5", "--num-warmups-per-conc", "1", "--no-dashboard"] + simArguments)
            #expect(run.status == 0, "\(run.stderr)")
            let compare = try BenchProcess.run(["compare", "--db", db, "--a", "hardware=h200", "--sim-residuals", "--band", "0.1", "--json"])
            #expect(compare.status == 0, "\(compare.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [String: Any]
            let points = object?["points"] as? [[String: Any]] ?? []
            return points.compactMap { $0["residual"] as? Double }
        }
    }

    @Test func aSlowEngineOverHTTPIsFlaggedAgainstTheVirtualSimulation() async throws {
        try await realTimeTurn {
            let slow = try residuals(["--sim-arg=--efficiency-scale", "--sim-arg=0.8"])
            let control = try residuals([])
            #expect(slow.count == 2 && control.count == 2)
            // HTTP and scheduling cost the control a few percent; the slow engine loses ~15-20% more.
            #expect(slow.allSatisfy { $0 < -0.1 && $0 > -0.45 }, "\(slow)")
            #expect(control.allSatisfy { abs($0) < 0.1 }, "\(control)")
            #expect(zip(slow, control).allSatisfy { $0.1 - $0.0 > 0.08 }, "slow \(slow), control \(control)")
        }
    }
}
