import BenchTesting
import Foundation
import Testing

/// Failed points end to end: `bench run --max-failures N` stops the sweep, and
/// `bench run --resume RUN --retry-failed` runs exactly the failed points again.
@Suite struct FailedPointTests {
    /// The test matrix written into `folder`, and bench run's database and log arguments there.
    static func sweep(concs: [Int], in folder: URL) throws -> (matrix: String, arguments: [String]) {
        let matrix = folder.appendingPathComponent("m.yaml").path
        try RunCommandTests.matrix(concs: concs).write(toFile: matrix, atomically: true, encoding: .utf8)
        return (matrix, ["--db", folder.appendingPathComponent("bench.sqlite").path, "--logs", folder.appendingPathComponent("logs").path])
    }

    @Test func maxFailuresStopsTheSweepAtThatManyFailedPoints() throws {
        try withTemporaryDirectory("run") { folder in
            let (matrix, arguments) = try Self.sweep(concs: [1, 2, 3, 4], in: folder)
            // An engine that will not start fails every point of its group at once.
            let result = try BenchProcess.run(["run", "--matrix", matrix, "--sim-arg=--no-such-flag", "--max-failures", "2"] + arguments)
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("bench run: run 1 aborted: 2 points stored, 2 failed"), "\(result.stderr)")
            let rows = try RunCommandTests.csvRows(db: arguments[1])
            #expect(rows.map { $0["conc"] } == ["1", "2"] && rows.allSatisfy { $0["status"] == "failed" })
            #expect(try BenchProcess.run(["runs", "list", "--db", arguments[1]]).stdout.contains("aborted"))
            let refused = try BenchProcess.run(["run", "--matrix", matrix, "--max-failures", "0"] + arguments)
            #expect(refused.status != 0 && refused.stderr.contains("--max-failures must be at least 1"))
        }
    }

    @Test func retryFailedRunsExactlyTheFailedPointsAgain() async throws {
        try await withTemporaryDirectory("run") { folder in
            try await realTimeTurn {
                let (matrix, arguments) = try Self.sweep(concs: [1, 2, 3, 4], in: folder)
                // One request per conc slot, no warmups: the 6th request (in the conc-3 point) crashes the engine.
                let first = try BenchProcess.run(
                    [
                        "run", "--matrix", matrix, "--num-prompts-per-conc", "1", "--num-warmups-per-conc", "0",
                        "--sim-arg=--crash-after-requests", "--sim-arg=5",
                    ] + arguments)
                #expect(first.status == 2, "\(first.stderr)")
                let before = try RunCommandTests.csvRows(db: arguments[1])
                #expect(before.map { $0["status"] } == ["ok", "ok", "failed", "ok"])
                // A plain resume counts the failed point as stored; --retry-failed runs it (3 requests: no crash) and replaces it.
                let plain = try BenchProcess.run(["run", "--resume", "1"] + arguments)
                #expect(plain.stderr.contains("0 points in 0 engine launches, 4 already stored"), "\(plain.stderr)")
                let retried = try BenchProcess.run(["run", "--resume", "1", "--retry-failed"] + arguments)
                #expect(retried.status == 0, "\(retried.stderr)")
                #expect(retried.stderr.contains("1 point in 1 engine launch"), "\(retried.stderr)")
                // Rows come in point id order: the replacement, stored last, sorts by its concurrency here.
                let after = try RunCommandTests.csvRows(db: arguments[1]).sorted { Int($0["conc"]!)! < Int($1["conc"]!)! }
                #expect(after.map { $0["conc"] } == ["1", "2", "3", "4"] && after.allSatisfy { $0["status"] == "ok" }, "\(after)")
                #expect(after.map { $0["attempt"] } == ["1", "1", "2", "1"])
                #expect(
                    after.filter { $0["conc"] != "3" }.map { $0["point_id"] } == before.filter { $0["conc"] != "3" }.map { $0["point_id"] },
                    "the ok points are kept as they were")
            }
        }
    }
}
