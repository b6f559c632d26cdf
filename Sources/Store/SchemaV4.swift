import GRDB

/// v4: how measured power was sampled (samples inside the measured window and the interval),
/// so a reader can judge the energy integral; older rows leave them null.
enum SchemaV4 {
    static func migrate(_ db: Database) throws {
        try db.alter(table: "result") { t in
            t.add(column: "power_samples", .integer)
            t.add(column: "power_interval_s", .double)
        }
    }
}
