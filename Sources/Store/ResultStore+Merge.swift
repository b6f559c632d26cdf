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
    /// Merges another bench database (a shard from another machine) into this one, in one
    /// transaction: runs matched by uid, deployments by natural key, points by their unique key
    /// (present ones are skipped), each new point with its result and requests.
    public func merge(databaseAt shardPath: String) throws(StoreError) -> IngestCount {
        let shard = try ResultStore(path: shardPath)
        return try writeOutsideTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS shard", arguments: [shard.path])
            defer { try? db.execute(sql: "DETACH DATABASE shard") }
            var count = IngestCount()
            try db.inTransaction {
                count = try Self.copy(db)
                return .commit
            }
            return count
        }
    }

    private static func copy(_ db: Database) throws -> IngestCount {
        var count = IngestCount()
        var runIDs: [Int64: Int64] = [:]
        for run in try Row.fetchAll(db, sql: "SELECT * FROM shard.run ORDER BY id") {
            let uid: String = run["uid"]
            if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM main.run WHERE uid = ?", arguments: [uid]) {
                runIDs[run["id"]] = existing
                // Shards of one sweep share its uid: the merged run is finished only when every shard finished.
                let status: String = run["status"]
                if status != "finished" {
                    try db.execute(sql: "UPDATE main.run SET status = ? WHERE id = ? AND status = 'finished'", arguments: [status, existing])
                }
                try db.execute(sql: "UPDATE main.run SET finished_at = MAX(COALESCE(finished_at, ?), ?) WHERE id = ?",
                               arguments: [run["finished_at"] as Date?, run["finished_at"] as Date?, existing])
                continue
            }
            try db.execute(sql: """
                INSERT INTO main.run (trigger, started_at, finished_at, status, harness_version, host, matrix_digest, uid, plan_json, engine, clock)
                SELECT trigger, started_at, finished_at, status, harness_version, host, matrix_digest, uid, plan_json, engine, clock
                FROM shard.run WHERE id = ?
                """, arguments: [run["id"] as Int64])
            runIDs[run["id"]] = db.lastInsertedRowID
            count.runs += 1
        }
        let points = try Row.fetchAll(db, sql: """
            SELECT point.*, deployment.natural_key FROM shard.point JOIN shard.deployment ON deployment.id = point.deployment_id
            ORDER BY point.id
            """)
        for point in points {
            let shardPoint: Int64 = point["id"]
            let deployment = try Self.copyDeployment(naturalKey: point["natural_key"], db)
            // A crafted shard can point at a run it does not have: refuse it whole (one transaction), no trap.
            guard let run = runIDs[point["run_id"]] else {
                throw StoreError.failed(path: "the shard", detail: "point \(shardPoint) names a run the shard does not hold; it is not a bench database as written")
            }
            let present = try Bool.fetchOne(db, sql: """
                SELECT 1 FROM main.point WHERE run_id = ? AND deployment_id = ? AND isl = ? AND osl = ? AND conc = ? AND repeat_index = ?
                """, arguments: [run, deployment, point["isl"], point["osl"], point["conc"], point["repeat_index"]]) ?? false
            if present {
                count.skipped += 1
                continue
            }
            try db.execute(sql: """
                INSERT INTO main.point (run_id, deployment_id, isl, osl, conc, status, attempt, error, engine_command, finished_at, point_key, repeat_index)
                SELECT ?, ?, isl, osl, conc, status, attempt, error, engine_command, finished_at, point_key, repeat_index
                FROM shard.point WHERE id = ?
                """, arguments: [run, deployment, shardPoint])
            let newPoint = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO main.result SELECT ?, completed, failed, duration_s, request_throughput, input_throughput, output_throughput, total_throughput, tput_per_gpu, output_tput_per_gpu, input_tput_per_gpu, interactivity, median_ttft, median_tpot, p99_ttft, p99_tpot, metrics_json, avg_power_w, energy_j, joules_per_token, gpu_util, median_e2el, power_samples, power_interval_s FROM shard.result WHERE point_id = ?",
                           arguments: [newPoint, shardPoint])
            try db.execute(sql: """
                INSERT INTO main.request (point_id, idx, start_ns, end_ns, prompt_tokens, requested_output_tokens, output_tokens,
                    output_source, ttft, tpot, e2el, error_kind, error_message, events)
                SELECT ?, idx, start_ns, end_ns, prompt_tokens, requested_output_tokens, output_tokens, output_source, ttft, tpot,
                    e2el, error_kind, error_message, events FROM shard.request WHERE point_id = ? ORDER BY idx
                """, arguments: [newPoint, shardPoint])
            count.points += 1
        }
        return count
    }

    private static func copyDeployment(naturalKey: String, _ db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM main.deployment WHERE natural_key = ?", arguments: [naturalKey]) { return id }
        try db.execute(sql: """
            INSERT INTO main.deployment (natural_key, config, model, precision, hardware, framework, gpus, description, tp, ep, dp_attn, spec_decoding, disagg, topology_json)
            SELECT natural_key, config, model, precision, hardware, framework, gpus, description, tp, ep, dp_attn, spec_decoding, disagg, topology_json
            FROM shard.deployment WHERE natural_key = ?
            """, arguments: [naturalKey])
        return db.lastInsertedRowID
    }
}
