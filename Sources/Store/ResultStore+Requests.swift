import GRDB
import Metrics

extension ResultStore {
    /// Every point that has stored requests, with them (index order), point by point in id order:
    /// one pass over the request table, so a site of 100,000 points costs one query, not 100,000.
    public func forEachPointRequests(_ body: (_ point: Int64, _ requests: [RequestRecord]) throws -> Void) throws(StoreError) {
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM request ORDER BY point_id, idx")
            var current: Int64?, records: [RequestRecord] = []
            while let row = try cursor.next() {
                let point: Int64 = row["point_id"]
                if point != current, let done = current {
                    try body(done, records)
                    records.removeAll(keepingCapacity: true)
                }
                current = point
                records.append(RequestPacking.record(row))
            }
            if let done = current { try body(done, records) }
        }
    }

    /// Each point's engine command (nil where none was stored), by point id.
    public func pointCommands() throws(StoreError) -> [Int64: String] {
        try read { db in
            var commands: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, engine_command FROM point WHERE engine_command IS NOT NULL") {
                commands[row[0]] = row[1]
            }
            return commands
        }
    }
}
