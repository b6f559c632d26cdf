import Foundation
import Metrics
import GRDB
@testable import Store
import Testing

@Suite struct IngestTests {
    static func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ingest-\(UUID().uuidString)/bench.sqlite").path
    }

    static let deployment = StoredDeployment(naturalKey: "d-1", config: "c", model: "m", precision: "fp8", hardware: "h200",
                                             framework: "sglang", gpus: 8, description: "TP8", tp: 8, ep: 1, dpAttention: false)

    static func requests(_ count: Int) -> [RequestRecord] {
        (0..<count).map { index in
            RequestRecord(index: index, start: Int64(index), end: Int64(index) + 90, promptTokens: 10, requestedOutputTokens: 2,
                          events: [.init(time: Int64(index) + 50, tokens: 1), .init(time: Int64(index) + 90, tokens: 1)], error: nil)
        }
    }

    static func point(conc: Int, status: String = "ok") -> StoredPoint {
        let records = requests(3)
        return StoredPoint(deployment: deployment, isl: 10, osl: 2, concurrency: conc, status: status,
                           metrics: PointMetrics(records: records, concurrency: conc, gpus: 8), requests: records, pointKey: "p-\(conc)")
    }

    @Test func aShardMergesOnceWithItsRequests() throws {
        let shard = try ResultStore(path: Self.temporaryDatabase())
        let run = try shard.beginRun(NewRun(trigger: "manual", harnessVersion: "t", host: "node-2", matrixDigest: "x", uid: "shard-run"))
        let stored = try shard.record(Self.point(conc: 4), run: run)
        _ = try shard.record(Self.point(conc: 8), run: run)
        let main = try ResultStore(path: Self.temporaryDatabase())
        // Main already has the same run with one of the points.
        let mainRun = try main.beginRun(NewRun(trigger: "manual", harnessVersion: "t", host: "node-1", matrixDigest: "x", uid: "shard-run"))
        _ = try main.record(Self.point(conc: 4), run: mainRun)

        #expect(try main.merge(databaseAt: shard.path) == IngestCount(runs: 0, points: 1, skipped: 1))
        #expect(try main.merge(databaseAt: shard.path) == IngestCount(runs: 0, points: 0, skipped: 2))
        let rows = try main.points(run: mainRun)
        #expect(rows.map(\.concurrency) == [4, 8])
        #expect(try main.requests(point: rows[1].id) == (try shard.requests(point: stored)))
        #expect(rows[1].metrics?.completed == 3)
    }

    /// A crafted shard whose point names a run the shard lacks is refused whole, not a trap.
    @Test func aShardPointWithoutItsRunIsRefusedAndNothingIsMerged() throws {
        let shard = try ResultStore(path: Self.temporaryDatabase())
        let run = try shard.beginRun(NewRun(trigger: "manual", harnessVersion: "t", host: "h", matrixDigest: "x", uid: "crafted"))
        _ = try shard.record(Self.point(conc: 4), run: run)
        let queue = try DatabaseQueue(path: shard.path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "UPDATE point SET run_id = 999")
        }
        try queue.close()
        let main = try ResultStore(path: Self.temporaryDatabase())
        #expect(throws: StoreError.self) { try main.merge(databaseAt: shard.path) }
        #expect(try main.points(run: nil).isEmpty && (try main.runs()).isEmpty)
    }

    @Test func aRetriedFailedPointReplacesItsSlotAsTheNextAttempt() throws {
        let store = try ResultStore(path: Self.temporaryDatabase())
        let run = try store.beginRun(NewRun(trigger: "manual", harnessVersion: "t", host: "h", matrixDigest: "x"))
        var failed = Self.point(conc: 4, status: "failed")
        failed.error = "engine died"
        _ = try store.record(failed, run: run)
        _ = try store.record(Self.point(conc: 4), run: run, replacingFailed: true)
        let rows = try store.points(run: run)
        #expect(rows.count == 1 && rows[0].status == "ok" && rows[0].attempt == 2 && rows[0].error == nil)
        #expect(try store.slots(run: run) == [StoredSlot(pointKey: "p-4", repeatIndex: 0, status: "ok")])
    }
}

@Suite struct MigrationTests {
    @Test func aVersion1DatabaseMigratesWithItsPointsKept() throws {
        let path = IngestTests.temporaryDatabase()
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v1")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO run (trigger, started_at, status, harness_version, host, matrix_digest) VALUES ('manual', '2026-11-28 10:00:00', 'finished', '0.1.0', 'h', 'x')")
            try db.execute(sql: "INSERT INTO deployment (natural_key, config, model, precision, hardware, framework, gpus, description) VALUES ('d', 'c', 'm', 'fp8', 'h200', 'sglang', 8, 'TP8')")
            try db.execute(sql: "INSERT INTO point (run_id, deployment_id, isl, osl, conc, status, attempt, finished_at) VALUES (1, 1, 1024, 1024, 4, 'ok', 1, '2026-11-28 10:01:00')")
        }
        try queue.close()

        let store = try ResultStore(path: path)
        let rows = try store.points(run: 1)
        #expect(rows.count == 1 && rows[0].pointKey == "legacy-1" && rows[0].repeatIndex == 0 && rows[0].concurrency == 4)
        #expect(try store.run(1)?.uid == "local-1")
        // The widened unique key lets a repeat of the same point in.
        var repeated = IngestTests.point(conc: 4)
        repeated.deployment.naturalKey = "d"
        repeated.isl = 1024
        repeated.osl = 1024
        repeated.repeatIndex = 1
        _ = try store.record(repeated, run: 1)
        #expect(try store.points(run: 1).count == 2)
    }
}
