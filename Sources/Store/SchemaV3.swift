import GRDB

/// v3: what nightly operation needs.
/// - annotation: an intended change recorded against a run (`bench annotate`); shown on the
///   dashboard and restarting regression baselines from that run.
/// - finding: the regression gate's verdicts (suspect, regression, improvement) per run, series
///   and measure, as last computed; replaced whole on each scan.
enum SchemaV3 {
    static func migrate(_ db: Database) throws {
        try db.create(table: "annotation") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("run_id", .integer).notNull().indexed().references("run", onDelete: .cascade)
            t.column("text", .text).notNull()
            t.column("created_at", .datetime).notNull()
        }
        try db.create(table: "regression") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("run_id", .integer).notNull().indexed().references("run", onDelete: .cascade)
            // The series across runs (model, precision, ISL/OSL, hardware, framework, spec, disagg, engine, clock).
            t.column("series", .text).notNull()
            t.column("series_label", .text).notNull()
            // The series' fields, for the dashboard to place the mark.
            t.column("model", .text).notNull()
            t.column("precision", .text).notNull()
            t.column("isl", .integer).notNull()
            t.column("osl", .integer).notNull()
            t.column("hardware", .text).notNull()
            t.column("framework", .text).notNull()
            t.column("spec_decoding", .text).notNull()
            t.column("disagg", .boolean).notNull()
            t.column("lineage", .text).notNull()
            // `y@level` (y read off the frontier at that interactivity) or `y@area`.
            t.column("measure", .text).notNull()
            t.column("metric", .text).notNull()
            t.column("level", .double)
            t.column("verdict", .text).notNull()
            t.column("value", .double).notNull()
            t.column("baseline", .double).notNull()
            t.column("relative_change", .double).notNull()
            t.column("z", .double).notNull()
            // The first run of the shift, from the change-point pass.
            t.column("shift_run_id", .integer)
            t.column("detected_at", .datetime).notNull()
            t.uniqueKey(["run_id", "series", "measure"])
        }
    }
}
