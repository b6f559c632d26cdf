import GRDB

/// v2: what `bench run`, resume, ingest and telemetry need.
/// - run: `uid` (a run's identity across machines, for idempotent ingest), the `plan_json` that
///   `--resume` re-expands, `engine`, `clock` (real-time, virtual or ingested) and the `pid` of
///   the bench that runs it (a running run whose pid is gone was killed).
/// - deployment: parallelism columns for the dashboard's grouping and labels.
/// - point: `point_key` (the matrix point's stable id) and `repeat_index`, which joins the
///   uniqueness key so `--repeats` can store one point several times in a run.
/// - result: measured GPU power beside the catalog-based figures.
/// - an index for the dashboard's series lookups.
enum SchemaV2 {
    static func migrate(_ db: Database) throws {
        try db.alter(table: "run") { t in
            t.add(column: "uid", .text)
            t.add(column: "plan_json", .text)
            t.add(column: "engine", .text)
            t.add(column: "clock", .text)
            t.add(column: "pid", .integer)
        }
        try db.execute(sql: "UPDATE run SET uid = 'local-' || id")
        try db.create(index: "run_by_uid", on: "run", columns: ["uid"], unique: true)
        try db.alter(table: "deployment") { t in
            t.add(column: "tp", .integer)
            t.add(column: "ep", .integer)
            t.add(column: "dp_attn", .boolean)
            t.add(column: "spec_decoding", .text)
            t.add(column: "disagg", .boolean)
        }
        try db.alter(table: "result") { t in
            t.add(column: "avg_power_w", .double)
            t.add(column: "energy_j", .double)
            t.add(column: "joules_per_token", .double)
            t.add(column: "gpu_util", .double)
            // The dashboard's second x axis, readable without decoding metrics_json.
            t.add(column: "median_e2el", .double)
        }
        // A unique key cannot be altered in SQLite: rebuild the table (foreign keys are off while migrating).
        try db.create(table: "point_v2") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
            t.column("deployment_id", .integer).notNull().references("deployment")
            t.column("isl", .integer).notNull()
            t.column("osl", .integer).notNull()
            t.column("conc", .integer).notNull()
            t.column("status", .text).notNull()
            t.column("attempt", .integer).notNull()
            t.column("error", .text)
            t.column("engine_command", .text)
            t.column("finished_at", .datetime).notNull()
            t.column("point_key", .text).notNull()
            t.column("repeat_index", .integer).notNull().defaults(to: 0)
            t.uniqueKey(["run_id", "deployment_id", "isl", "osl", "conc", "repeat_index"])
        }
        try db.execute(
            sql: """
                INSERT INTO point_v2 (id, run_id, deployment_id, isl, osl, conc, status, attempt, error, engine_command, finished_at, point_key, repeat_index)
                SELECT id, run_id, deployment_id, isl, osl, conc, status, attempt, error, engine_command, finished_at, 'legacy-' || id, 0 FROM point
                """)
        try db.drop(table: "point")
        try db.rename(table: "point_v2", to: "point")
        try db.create(index: "point_by_run", on: "point", columns: ["run_id", "point_key"])
        try db.create(index: "point_by_deployment", on: "point", columns: ["deployment_id", "isl", "osl", "conc"])
        // The dashboard's views select series by model, precision and hardware.
        try db.create(index: "deployment_by_series", on: "deployment", columns: ["model", "precision", "hardware", "framework"])
    }
}
