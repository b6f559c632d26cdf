import GRDB

/// The database schema, as migrations from the first version on (docs/architecture.md, Store). A
/// database that has migrations this build does not know was written by a newer bench and is refused.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("trigger", .text).notNull()
                t.column("started_at", .datetime).notNull()
                t.column("finished_at", .datetime)
                t.column("status", .text).notNull()
                t.column("harness_version", .text).notNull()
                t.column("host", .text).notNull()
                t.column("matrix_digest", .text).notNull()
            }
            try db.create(table: "deployment") { t in
                t.autoIncrementedPrimaryKey("id")
                // Everything that defines a served configuration, as stable text (BenchmarkPoint's deployment key).
                t.column("natural_key", .text).notNull().unique()
                t.column("config", .text).notNull()
                t.column("model", .text).notNull()
                t.column("precision", .text).notNull()
                t.column("hardware", .text).notNull()
                t.column("framework", .text).notNull()
                t.column("gpus", .integer).notNull()
                t.column("description", .text).notNull()
            }
            try db.create(table: "point") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("run_id", .integer).notNull().indexed().references("run", onDelete: .cascade)
                t.column("deployment_id", .integer).notNull().references("deployment")
                t.column("isl", .integer).notNull()
                t.column("osl", .integer).notNull()
                t.column("conc", .integer).notNull()
                t.column("status", .text).notNull()
                t.column("attempt", .integer).notNull()
                t.column("error", .text)
                t.column("engine_command", .text)
                t.column("finished_at", .datetime).notNull()
                // No point is ever stored twice in a run.
                t.uniqueKey(["run_id", "deployment_id", "isl", "osl", "conc"])
            }
            try db.create(table: "result") { t in
                t.primaryKey("point_id", .integer).references("point", onDelete: .cascade)
                t.column("completed", .integer).notNull()
                t.column("failed", .integer).notNull()
                t.column("duration_s", .double).notNull()
                t.column("request_throughput", .double).notNull()
                t.column("input_throughput", .double).notNull()
                t.column("output_throughput", .double).notNull()
                t.column("total_throughput", .double).notNull()
                t.column("tput_per_gpu", .double)
                t.column("output_tput_per_gpu", .double)
                t.column("input_tput_per_gpu", .double)
                t.column("interactivity", .double)
                t.column("median_ttft", .double)
                t.column("median_tpot", .double)
                t.column("p99_ttft", .double)
                t.column("p99_tpot", .double)
                // The whole PointMetrics, so nothing measured is lost to the column choice.
                t.column("metrics_json", .text).notNull()
            }
            try db.create(table: "request") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("point_id", .integer).notNull().indexed().references("point", onDelete: .cascade)
                t.column("idx", .integer).notNull()
                t.column("start_ns", .integer).notNull()
                t.column("end_ns", .integer).notNull()
                t.column("prompt_tokens", .integer).notNull()
                t.column("requested_output_tokens", .integer).notNull()
                t.column("output_tokens", .integer).notNull()
                t.column("output_source", .text).notNull()
                t.column("ttft", .double)
                t.column("tpot", .double)
                t.column("e2el", .double)
                t.column("error_kind", .text)
                t.column("error_message", .text)
                // Every token event, delta- and varint-packed: see RequestPacking.
                t.column("events", .blob).notNull()
            }
            try db.create(index: "point_by_deployment", on: "point", columns: ["deployment_id", "isl", "osl", "conc"])
        }
        migrator.registerMigration("v2", migrate: SchemaV2.migrate)
        migrator.registerMigration("v3", migrate: SchemaV3.migrate)
        migrator.registerMigration("v4", migrate: SchemaV4.migrate)
        migrator.registerMigration("v5", migrate: SchemaV5.migrate)
        return migrator
    }
}
