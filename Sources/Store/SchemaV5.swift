import GRDB

/// v5: agentic-coding points. `deployment.scenario` marks a trace-replay deployment (NULL:
/// fixed-seq-len, whose rows keep ISL/OSL; agentic points store 0 for both) with its KV offload
/// tier; `agentic_result` holds InferenceX's agentic statistics and the engine's cache counters,
/// the headline ones as columns and the whole `AgenticMeasurement` as JSON.
enum SchemaV5 {
    static func migrate(_ db: Database) throws {
        try db.alter(table: "deployment") { t in
            t.add(column: "scenario", .text)
            t.add(column: "kv_offloading", .text)
        }
        try db.create(table: "agentic_result") { t in
            t.primaryKey("point_id", .integer).references("point", onDelete: .cascade)
            t.column("theoretical_cache_hit_rate", .double)
            t.column("server_cache_hit_rate", .double)
            t.column("server_gpu_cache_hit_rate", .double)
            t.column("server_cpu_cache_hit_rate", .double)
            t.column("mean_interactivity", .double)
            t.column("p50_interactivity", .double)
            t.column("p75_interactivity", .double)
            t.column("p90_interactivity", .double)
            t.column("mean_e2e_norm_interactivity", .double)
            t.column("p50_e2e_norm_interactivity", .double)
            t.column("p75_e2e_norm_interactivity", .double)
            t.column("p90_e2e_norm_interactivity", .double)
            t.column("p90_ttft", .double)
            t.column("p90_e2el", .double)
            t.column("qps", .double)
            t.column("kv_usage_peak", .double)
            t.column("offload_gbps", .double)
            t.column("context_overflows", .integer).notNull()
            t.column("agentic_json", .text).notNull()
        }
    }
}
