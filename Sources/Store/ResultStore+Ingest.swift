import Foundation
import GRDB

extension ResultStore {
    /// Stores points read from result files into the run named `uid` (created when new), all in one
    /// transaction; points that run already has (same deployment, lengths, concurrency) are skipped, so
    /// ingesting a file twice adds nothing and a file is never half stored.
    public func ingest(
        _ points: [StoredPoint], runUID uid: String, source: String, harnessVersion: String,
        host: String
    ) throws(StoreError) -> IngestCount {
        try write { db in
            var count = IngestCount()
            let run: Int64
            if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM run WHERE uid = ?", arguments: [uid]) {
                run = existing
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO run (trigger, started_at, finished_at, status, harness_version, host, matrix_digest, uid, clock)
                        VALUES ('ingest', ?, ?, 'finished', ?, ?, ?, ?, 'ingested')
                        """, arguments: [Date(), Date(), harnessVersion, host, source, uid])
                run = db.lastInsertedRowID
                count.runs = 1
            }
            var stored = Set(try String.fetchAll(db, sql: "SELECT point_key FROM point WHERE run_id = ?", arguments: [run]))
            for point in points {
                guard stored.insert(point.pointKey).inserted else {
                    count.skipped += 1
                    continue
                }
                _ = try Self.insert(point, run: run, db)
                count.points += 1
            }
            return count
        }
    }
}
