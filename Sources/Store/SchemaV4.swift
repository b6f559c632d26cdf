import GRDB

/// v4: how measured power was sampled (samples inside the measured window and the interval), so a
/// reader can judge the energy integral; and each deployment's whole parallel layout (pp, dcp, pcp,
/// both pools of a multi-node one) as JSON, which InferenceX's result rows carry. Older rows leave
/// them null.
enum SchemaV4 {
    static func migrate(_ db: Database) throws {
        try db.alter(table: "deployment") { t in
            t.add(column: "topology_json", .text)
        }
        try db.alter(table: "result") { t in
            t.add(column: "power_samples", .integer)
            t.add(column: "power_interval_s", .double)
        }
    }
}
