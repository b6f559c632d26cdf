import Foundation
import GRDB

/// What one ingest added.
public struct IngestCount: Sendable, Equatable {
    public var runs = 0
    public var points = 0
    /// Points already present (by run uid and natural key): left as they were.
    public var skipped = 0

    public init(runs: Int = 0, points: Int = 0, skipped: Int = 0) {
        self.runs = runs
        self.points = points
        self.skipped = skipped
    }
}

extension ResultStore {
    /// Points merged per transaction. A concurrent `bench run` waits for at most one batch
    /// (a few seconds even with 10,000 requests a point), well under the 60 s busy timeout.
    public static let mergeBatchPoints = 32

    /// Merges another bench database (a shard from another machine) into this one: runs
    /// matched by uid, deployments by natural key, points by their unique key (present ones are
    /// skipped), each new point with its result and requests. The shard is checked whole before
    /// anything is written; then its runs go in one transaction and its points in batches of
    /// `batchPoints`, so other writers get in between. Merging again adds what an interrupted
    /// merge left out. `afterBatch` runs outside any transaction with the count so far.
    public func merge(
        databaseAt shardPath: String, batchPoints: Int = mergeBatchPoints,
        afterBatch: (IngestCount) -> Void = { _ in }
    ) throws(StoreError) -> IngestCount {
        let shard = try ResultStore(path: shardPath)
        return try writeOutsideTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS shard", arguments: [shard.path])
            defer { try? db.execute(sql: "DETACH DATABASE shard") }
            let points = try ShardRows.points(db)
            let columns = try CopiedColumns(db)
            var count = IngestCount()
            var runIDs: [Int64: Int64] = [:]
            try db.inTransaction {
                runIDs = try Self.copyRuns(db, columns: columns, count: &count)
                return .commit
            }
            for batch in stride(from: 0, to: points.count, by: max(1, batchPoints)) {
                try db.inTransaction {
                    for point in points[batch..<min(points.count, batch + max(1, batchPoints))] {
                        try Self.copy(point, runIDs: runIDs, columns: columns, db, count: &count)
                    }
                    return .commit
                }
                afterBatch(count)
            }
            return count
        }
    }

    private static func copyRuns(_ db: Database, columns: CopiedColumns, count: inout IngestCount) throws -> [Int64: Int64] {
        var runIDs: [Int64: Int64] = [:]
        for run in try ShardRows.runs(db) {
            if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM main.run WHERE uid = ?", arguments: [run.uid]) {
                runIDs[run.id] = existing
                // Shards of one sweep share its uid: the merged run is finished only when every shard finished.
                try db.execute(
                    sql: """
                        UPDATE main.run SET status = (SELECT status FROM shard.run WHERE id = ?)
                        WHERE id = ? AND status = 'finished' AND (SELECT status FROM shard.run WHERE id = ?) != 'finished'
                        """, arguments: [run.id, existing, run.id])
                try db.execute(
                    sql: """
                        UPDATE main.run SET finished_at = MAX(COALESCE(finished_at, (SELECT finished_at FROM shard.run WHERE id = ?)),
                                                          (SELECT finished_at FROM shard.run WHERE id = ?))
                        WHERE id = ?
                        """, arguments: [run.id, run.id, existing])
                continue
            }
            try db.execute(sql: "INSERT INTO main.run (\(columns.run)) SELECT \(columns.run) FROM shard.run WHERE id = ?", arguments: [run.id])
            runIDs[run.id] = db.lastInsertedRowID
            count.runs += 1
        }
        return runIDs
    }

    private static func copy(
        _ point: ShardRows.Point, runIDs: [Int64: Int64], columns: CopiedColumns, _ db: Database, count: inout IngestCount
    ) throws {
        let deployment = try copyDeployment(naturalKey: point.naturalKey, columns: columns, db)
        // Checked before the first write (ShardRows.points); a run that vanished since is refused too.
        guard let run = runIDs[point.runID] else {
            throw StoreError.failed(path: "the shard", detail: "point \(point.id) names run \(point.runID), which the shard does not hold")
        }
        let present =
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT 1 FROM main.point p JOIN shard.point s ON s.id = ?
                    WHERE p.run_id = ? AND p.deployment_id = ? AND p.isl IS s.isl AND p.osl IS s.osl AND p.conc IS s.conc AND p.repeat_index IS s.repeat_index
                    """, arguments: [point.id, run, deployment]) ?? false
        if present {
            count.skipped += 1
            return
        }
        try db.execute(
            sql: "INSERT INTO main.point (run_id, deployment_id, \(columns.point)) SELECT ?, ?, \(columns.point) FROM shard.point WHERE id = ?",
            arguments: [run, deployment, point.id])
        let newPoint = db.lastInsertedRowID
        try db.execute(
            sql: "INSERT INTO main.result (point_id, \(columns.result)) SELECT ?, \(columns.result) FROM shard.result WHERE point_id = ?",
            arguments: [newPoint, point.id])
        try db.execute(
            sql: "INSERT INTO main.agentic_result (point_id, \(columns.agenticResult)) SELECT ?, \(columns.agenticResult) FROM shard.agentic_result WHERE point_id = ?",
            arguments: [newPoint, point.id])
        try db.execute(
            sql:
                "INSERT INTO main.request (point_id, \(columns.request)) SELECT ?, \(columns.request) FROM shard.request WHERE point_id = ? ORDER BY idx",
            arguments: [newPoint, point.id])
        count.points += 1
    }

    private static func copyDeployment(naturalKey: String, columns: CopiedColumns, _ db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM main.deployment WHERE natural_key = ?", arguments: [naturalKey]) { return id }
        try db.execute(
            sql: "INSERT INTO main.deployment (\(columns.deployment)) SELECT \(columns.deployment) FROM shard.deployment WHERE natural_key = ?",
            arguments: [naturalKey])
        return db.lastInsertedRowID
    }
}

/// The columns a merge copies, read from the main database's schema so that a column a later
/// migration adds is copied too (the shard was migrated to the same schema when it was opened):
/// every column but the row's own id and the ids the merge assigns anew.
struct CopiedColumns {
    let run: String, deployment: String, point: String, result: String, agenticResult: String, request: String

    init(_ db: Database) throws {
        func names(_ table: String, except assigned: Set<String>) throws -> String {
            try Row.fetchAll(db, sql: "PRAGMA main.table_info(\(table))").compactMap { row -> String? in
                let name: String = try row.decode(String.self, forColumn: "name")
                return assigned.contains(name) ? nil : sqlIdentifier(name)
            }.joined(separator: ", ")
        }
        // A run's pid names a process on the machine that ran it, never one here.
        run = try names("run", except: ["id", "pid"])
        deployment = try names("deployment", except: ["id"])
        point = try names("point", except: ["id", "run_id", "deployment_id"])
        result = try names("result", except: ["point_id"])
        agenticResult = try names("agentic_result", except: ["point_id"])
        request = try names("request", except: ["id", "point_id"])
    }
}
