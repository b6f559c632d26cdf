import BenchTesting
import Foundation
import GRDB
import Metrics
import Testing

@testable import Store

@Suite struct IngestTests {
    static let deployment = StoredDeployment(
        naturalKey: "d-1", config: "c", model: "m", precision: "fp8", hardware: "h200",
        framework: "sglang", gpus: 8, description: "TP8", tp: 8, ep: 1, dpAttention: false)

    static func requests(_ count: Int) -> [RequestRecord] {
        (0..<count).map { index in
            RequestRecord(
                index: index, start: Int64(index), end: Int64(index) + 90, promptTokens: 10, requestedOutputTokens: 2,
                events: [.init(time: Int64(index) + 50, tokens: 1), .init(time: Int64(index) + 90, tokens: 1)], error: nil)
        }
    }

    static func point(conc: Int, status: PointStatus = .ok) -> StoredPoint {
        let records = requests(3)
        return StoredPoint(
            deployment: deployment, isl: 10, osl: 2, concurrency: conc, status: status,
            metrics: PointMetrics(records: records, concurrency: conc, gpus: 8), requests: records, pointKey: "p-\(conc)")
    }

    @Test func aShardMergesOnceWithItsRequests() throws {
        try withTemporaryDirectory("ingest") { folder in
            let shard = try ResultStore(path: folder.appendingPathComponent("bench.sqlite").path)
            let run = try shard.beginRun(NewRun(trigger: "manual", harnessVersion: "t", host: "node-2", matrixDigest: "x", uid: "shard-run"))
            let stored = try shard.record(Self.point(conc: 4), run: run)
            _ = try shard.record(Self.point(conc: 8), run: run)
            let main = try ResultStore(path: folder.appendingPathComponent("bench-2.sqlite").path)
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
    }

    /// A crafted shard whose point names a run the shard lacks is refused whole, not a trap.
    @Test func aShardPointWithoutItsRunIsRefusedAndNothingIsMerged() throws {
        try withTemporaryDirectory("ingest") { folder in
            let shard = try ResultStore(path: folder.appendingPathComponent("bench.sqlite").path)
            let run = try shard.beginRun(NewRun(trigger: "manual", harnessVersion: "t", host: "h", matrixDigest: "x", uid: "crafted"))
            _ = try shard.record(Self.point(conc: 4), run: run)
            let queue = try DatabaseQueue(path: shard.path)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                try db.execute(sql: "UPDATE point SET run_id = 999")
            }
            try queue.close()
            let main = try ResultStore(path: folder.appendingPathComponent("bench-2.sqlite").path)
            #expect(throws: StoreError.self) { try main.merge(databaseAt: shard.path) }
            #expect(try main.points(run: nil).isEmpty && (try main.runs()).isEmpty)
        }
    }

    /// A concurrent `bench run` gets the database between batches: with no busy wait at all,
    /// another connection writes after every batch of the merge.
    @Test func aShardMergesInBatchesThatLetOtherWritersIn() throws {
        try withTemporaryDirectory("ingest") { folder in
            let shard = try ResultStore(path: folder.appendingPathComponent("bench.sqlite").path)
            let run = try shard.beginRun(NewRun(trigger: "manual", harnessVersion: "t", host: "node-2", matrixDigest: "x", uid: "batched"))
            for conc in 1...5 { _ = try shard.record(Self.point(conc: conc), run: run) }
            let main = try ResultStore(path: folder.appendingPathComponent("bench-2.sqlite").path)
            let other = try ResultStore(path: main.path, busyTimeoutSeconds: 0)
            var batches: [Int] = []
            let count = try main.merge(databaseAt: shard.path, batchPoints: 2) { soFar in
                batches.append(soFar.points)
                #expect(throws: Never.self) {
                    _ = try other.beginRun(NewRun(trigger: "manual", harnessVersion: "t", host: "h", matrixDigest: "x"))
                }
            }
            #expect(count == IngestCount(runs: 1, points: 5, skipped: 0))
            #expect(batches == [2, 4, 5])
            #expect(try main.runs().count == 4)
        }
    }

    /// Columns are copied by name from the schema: one a later migration adds (here by hand, on
    /// both sides) is merged without the merge being edited.
    @Test func aColumnAddedToTheSchemaIsMergedToo() throws {
        try withTemporaryDirectory("ingest") { folder in
            let shard = try ResultStore(path: folder.appendingPathComponent("bench.sqlite").path)
            let run = try shard.beginRun(NewRun(trigger: "manual", harnessVersion: "t", host: "node-2", matrixDigest: "x", uid: "wider"))
            let stored = try shard.record(Self.point(conc: 4), run: run)
            let main = try ResultStore(path: folder.appendingPathComponent("bench-2.sqlite").path)
            for store in [shard, main] {
                let queue = try DatabaseQueue(path: store.path)
                try queue.write { db in
                    try db.execute(sql: "ALTER TABLE result ADD COLUMN kv_hit_rate REAL")
                    try db.execute(sql: "ALTER TABLE request ADD COLUMN cached_tokens INTEGER")
                    if store === shard {
                        try db.execute(sql: "UPDATE result SET kv_hit_rate = 0.25 WHERE point_id = ?", arguments: [stored])
                        try db.execute(sql: "UPDATE request SET cached_tokens = idx * 10")
                    }
                }
                try queue.close()
            }
            #expect(try main.merge(databaseAt: shard.path) == IngestCount(runs: 1, points: 1, skipped: 0))
            let queue = try DatabaseQueue(path: main.path)
            let (hitRate, cached) = try queue.read { db in
                (
                    try Double.fetchOne(db, sql: "SELECT kv_hit_rate FROM result"),
                    try Int.fetchAll(db, sql: "SELECT cached_tokens FROM request ORDER BY idx")
                )
            }
            #expect(hitRate == 0.25 && cached == [0, 10, 20])
        }
    }

    /// GRDB's typed row reads trap on NULL or a wrong type; a crafted shard is refused instead.
    @Test(arguments: [
        "UPDATE run SET uid = NULL",
        "UPDATE run SET id = 'one'; UPDATE point SET run_id = 'one'",
        "UPDATE deployment SET natural_key = NULL",
        "UPDATE point SET conc = 'many'",
        "UPDATE point SET isl = -1",
        "UPDATE request SET prompt_tokens = 9223372036854775807",
        "UPDATE point SET finished_at = 'not a date'",
    ])
    func aShardWithValuesBenchNeverWritesIsRefusedWhole(_ crafting: String) throws {
        try withTemporaryDirectory("ingest") { folder in
            let shard = try Self.unconstrainedShard(crafting, in: folder)
            let main = try ResultStore(path: folder.appendingPathComponent("bench.sqlite").path)
            #expect(throws: StoreError.self) { try main.merge(databaseAt: shard) }
            #expect(try main.points(run: nil).isEmpty && (try main.runs()).isEmpty)
        }
    }

    /// A shard run's date that is not one is refused even where main holds that run already
    /// (it was read into Swift there, a trap), and main's run keeps its own date.
    @Test func aShardRunWithAGarbageDateIsRefusedWhereMainHoldsTheRun() throws {
        try withTemporaryDirectory("ingest") { folder in
            let shard = try Self.unconstrainedShard("UPDATE run SET finished_at = 'not a date'", in: folder)
            let main = try ResultStore(path: folder.appendingPathComponent("bench.sqlite").path)
            let run = try main.beginRun(NewRun(trigger: "manual", harnessVersion: "t", host: "node-1", matrixDigest: "x", uid: "crafted"))
            #expect(throws: StoreError.self) { try main.merge(databaseAt: shard) }
            #expect(try main.runs().map(\.id) == [run] && (try main.points(run: run)).isEmpty)
        }
    }

    /// A one-point shard whose run, point and deployment tables lost their constraints, then
    /// `crafting` applied to it, in `folder`.
    static func unconstrainedShard(_ crafting: String, in folder: URL) throws -> String {
        let shard = try ResultStore(path: folder.appendingPathComponent("shard.sqlite").path)
        let run = try shard.beginRun(NewRun(trigger: "manual", harnessVersion: "t", host: "h", matrixDigest: "x", uid: "crafted"))
        _ = try shard.record(point(conc: 4), run: run)
        let queue = try DatabaseQueue(path: shard.path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON")
            for table in ["run", "point", "deployment", "request"] {
                try db.execute(
                    sql: "ALTER TABLE \(table) RENAME TO old_\(table); CREATE TABLE \(table) AS SELECT * FROM old_\(table); DROP TABLE old_\(table)")
            }
            try db.execute(sql: crafting)
        }
        try queue.close()
        return shard.path
    }

    @Test func aRetriedFailedPointReplacesItsSlotAsTheNextAttempt() throws {
        try withTemporaryStore { store, _ in
            let run = try store.beginRun(NewRun(trigger: "manual", harnessVersion: "t", host: "h", matrixDigest: "x"))
            var failed = Self.point(conc: 4, status: .failed)
            failed.error = "engine died"
            _ = try store.record(failed, run: run)
            _ = try store.record(Self.point(conc: 4), run: run, replacingFailed: true)
            let rows = try store.points(run: run)
            #expect(rows.count == 1 && rows[0].status == .ok && rows[0].attempt == 2 && rows[0].error == nil)
            #expect(try store.slots(run: run) == [StoredSlot(pointKey: "p-4", repeatIndex: 0, status: .ok)])
        }
    }
}

@Suite struct MigrationTests {
    @Test func aVersion1DatabaseMigratesWithItsPointsKept() throws {
        try withTemporaryDirectory("migration") { folder in
            let path = folder.appendingPathComponent("bench.sqlite").path
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v1")
            try queue.write { db in
                try db.execute(
                    sql:
                        "INSERT INTO run (trigger, started_at, status, harness_version, host, matrix_digest) VALUES ('manual', '2026-11-28 10:00:00', 'finished', '0.1.0', 'h', 'x')"
                )
                try db.execute(
                    sql:
                        "INSERT INTO deployment (natural_key, config, model, precision, hardware, framework, gpus, description) VALUES ('d', 'c', 'm', 'fp8', 'h200', 'sglang', 8, 'TP8')"
                )
                try db.execute(
                    sql:
                        "INSERT INTO point (run_id, deployment_id, isl, osl, conc, status, attempt, finished_at) VALUES (1, 1, 1024, 1024, 4, 'ok', 1, '2026-11-28 10:01:00')"
                )
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
}
