import GRDB

/// The rows of an attached shard (`shard.*`) that the merge reads into Swift, checked before
/// anything is written. A shard is outside input: GRDB's typed row subscripts trap on NULL or
/// a wrong type, so every value goes through a throwing decode, and a point whose run the
/// shard lacks refuses the shard whole.
enum ShardRows {
    struct Run {
        var id: Int64
        var uid: String
    }

    struct Point {
        var id: Int64
        var runID: Int64
        var naturalKey: String
    }

    /// The tables the merge copies, parents first.
    static let copiedTables = ["run", "deployment", "point", "result", "agentic_result", "request"]
    /// Columns that count something: bench reads them as `Int` and computes with them.
    private static let countColumns: Set = [
        "isl", "osl", "conc", "gpus", "tp", "ep", "repeat_index", "attempt", "idx", "prompt_tokens",
        "requested_output_tokens", "output_tokens", "completed", "failed", "power_samples", "context_overflows",
    ]

    /// Every column the merge copies holds the type its main column declares (NULL is left to
    /// main's NOT NULL), dates are written as bench writes them, and counts are in 0...2^31−1,
    /// so nothing merged can trap a later read of the main database.
    static func checkValues(_ db: Database) throws {
        for table in copiedTables {
            var checks: [(column: String, bad: String)] = []
            for column in try Row.fetchAll(db, sql: "PRAGMA main.table_info(\(table))") {
                let name: String = try decode(column, "name", "main.\(table)"), declared: String = try decode(column, "type", "main.\(table)")
                let quoted = sqlIdentifier(name)
                let allowed =
                    switch declared.uppercased() {
                    case "INTEGER", "BOOLEAN": "'integer'"
                    case "DOUBLE", "REAL": "'integer', 'real'"
                    case "BLOB": "'blob'"
                    default: "'text'"
                    }
                var bad = "typeof(\(quoted)) NOT IN (\(allowed), 'null')"
                if declared.uppercased() == "DATETIME" { bad += " OR \(quoted) IS NOT strftime('%Y-%m-%d %H:%M:%f', \(quoted))" }
                if countColumns.contains(name) { bad += " OR \(quoted) NOT BETWEEN 0 AND 2147483647" }
                checks.append((name, bad))
            }
            let which = checks.map { "WHEN \($0.bad) THEN '\($0.column)'" }.joined(separator: " ")
            let sql =
                "SELECT rowid AS bad_row, CASE \(which) END AS bad_column FROM shard.\(table) WHERE \(checks.map { "(\($0.bad))" }.joined(separator: " OR ")) LIMIT 1"
            if let found = try Row.fetchOne(db, sql: sql) {
                throw StoreError.failed(
                    path: "the shard",
                    detail: "\(table) row \(found["bad_row"] as DatabaseValue) has a \(found["bad_column"] as DatabaseValue) that bench never writes "
                        + "(wrong type, not a date as bench writes one, or a count outside 0...2^31−1); it is not a bench database as bench writes one, and nothing of it was merged"
                )
            }
        }
    }

    static func runs(_ db: Database) throws -> [Run] {
        try Row.fetchAll(db, sql: "SELECT id, uid FROM shard.run ORDER BY id").map { row in
            Run(id: try decode(row, "id", "a run"), uid: try decode(row, "uid", "a run"))
        }
    }

    static func points(_ db: Database) throws -> [Point] {
        try checkValues(db)
        if let orphan = try Row.fetchOne(
            db,
            sql: """
                SELECT point.id AS id, point.run_id AS run_id FROM shard.point LEFT JOIN shard.run ON run.id = point.run_id
                WHERE run.id IS NULL LIMIT 1
                """)
        {
            throw StoreError.failed(
                path: "the shard",
                detail: "point \(orphan["id"] as DatabaseValue) names run \(orphan["run_id"] as DatabaseValue), "
                    + "which the shard does not hold; it is not a bench database as bench writes one, and nothing of it was merged")
        }
        return try Row.fetchAll(
            db,
            sql: """
                SELECT point.id AS id, point.run_id AS run_id, deployment.natural_key AS natural_key
                FROM shard.point JOIN shard.deployment ON deployment.id = point.deployment_id ORDER BY point.id
                """
        ).map { row in
            Point(
                id: try decode(row, "id", "a point"), runID: try decode(row, "run_id", "a point"),
                naturalKey: try decode(row, "natural_key", "a point's deployment"))
        }
    }

    private static func decode<Value: DatabaseValueConvertible>(_ row: Row, _ column: String, _ what: String) throws -> Value {
        let raw: DatabaseValue = row[column]
        guard let value = Value.fromDatabaseValue(raw) else {
            throw StoreError.failed(
                path: "the shard",
                detail: "\(what) has \(column) = \(String(describing: raw).prefix(60)), not a \(Value.self); "
                    + "it is not a bench database as bench writes one, and nothing of it was merged")
        }
        return value
    }
}

/// A column name as SQL text, quoted (the merge builds its statements from the schema's names).
func sqlIdentifier(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
