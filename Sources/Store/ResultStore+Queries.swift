import Foundation
import GRDB
import Metrics

/// A stored point with its deployment and headline metrics: one row of `runs show` and `export --csv`.
public struct PointRow: Sendable {
    public var id: Int64
    public var runID: Int64
    public var pointKey: String
    public var repeatIndex: Int
    public var status: PointStatus
    public var attempt: Int
    public var error: String?
    public var engineCommand: String?
    public var finishedAt: Date
    public var isl: Int
    public var osl: Int
    public var concurrency: Int
    public var deployment: StoredDeployment
    public var metrics: PointMetrics?
    public var power: MeasuredPower?
    /// An agentic-coding point's statistics (nil for fixed-seq-len).
    public var agentic: AgenticMeasurement?
}

extension ResultStore {
    public func run(_ id: Int64) throws(StoreError) -> RunDetail? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: Self.runSummarySQL + " WHERE run.id = ? GROUP BY run.id", arguments: [id]) else {
                return nil
            }
            return RunDetail(
                summary: Self.runSummary(row), uid: row["uid"], harnessVersion: row["harness_version"],
                matrixDigest: row["matrix_digest"], planJSON: row["plan_json"], pid: row["pid"])
        }
    }

    /// The points a run has stored: what `--resume` leaves out.
    public func slots(run: Int64) throws(StoreError) -> Set<StoredSlot> {
        try read { db in
            Set(
                try Row.fetchAll(db, sql: "SELECT point_key, repeat_index, status FROM point WHERE run_id = ?", arguments: [run]).map {
                    StoredSlot(pointKey: $0["point_key"], repeatIndex: $0["repeat_index"], status: PointStatus(stored: $0["status"]))
                })
        }
    }

    /// Every point of a run (or of all runs), in the order they were stored.
    public func points(run: Int64?) throws(StoreError) -> [PointRow] {
        try read { db in
            let filter = run == nil ? "" : "WHERE point.run_id = ?"
            let arguments: StatementArguments = run.map { [$0] } ?? []
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT point.*, deployment.natural_key, deployment.config, deployment.model, deployment.precision,
                        deployment.hardware, deployment.framework, deployment.gpus, deployment.description, deployment.tp,
                        deployment.ep, deployment.dp_attn, deployment.spec_decoding, deployment.disagg, deployment.topology_json,
                        deployment.scenario, deployment.kv_offloading, agentic_result.agentic_json, result.metrics_json, result.avg_power_w, result.energy_j, result.joules_per_token, result.gpu_util,
                        result.power_samples, result.power_interval_s
                    FROM point JOIN deployment ON deployment.id = point.deployment_id
                    LEFT JOIN result ON result.point_id = point.id
                    LEFT JOIN agentic_result ON agentic_result.point_id = point.id
                    \(filter) ORDER BY point.id
                    """, arguments: arguments
            ).map(Self.pointRow)
        }
    }

    static func pointRow(_ row: Row) throws -> PointRow {
        let deployment = StoredDeployment(
            naturalKey: row["natural_key"], config: row["config"], model: row["model"], precision: row["precision"],
            hardware: row["hardware"], framework: row["framework"], gpus: row["gpus"], description: row["description"],
            tp: row["tp"], ep: row["ep"], dpAttention: row["dp_attn"], specDecoding: row["spec_decoding"], disaggregated: row["disagg"],
            topology: try (row["topology_json"] as String?).map { try JSONDecoder().decode(StoredTopology.self, from: Data($0.utf8)) },
            scenario: row["scenario"], kvOffloading: row["kv_offloading"])
        let metricsJSON: String? = row["metrics_json"]
        let metrics = try metricsJSON.map { try JSONDecoder().decode(PointMetrics.self, from: Data($0.utf8)) }
        let watts: Double? = row["avg_power_w"]
        let power = watts.map {
            MeasuredPower(
                averageWatts: $0, energyJoules: row["energy_j"] ?? 0, joulesPerToken: row["joules_per_token"],
                averageUtilization: row["gpu_util"], samples: row["power_samples"],
                intervalSeconds: row["power_interval_s"])
        }
        return PointRow(
            id: row["id"], runID: row["run_id"], pointKey: row["point_key"], repeatIndex: row["repeat_index"],
            status: PointStatus(stored: row["status"]), attempt: row["attempt"], error: row["error"], engineCommand: row["engine_command"],
            finishedAt: row["finished_at"], isl: row["isl"], osl: row["osl"], concurrency: row["conc"],
            deployment: deployment, metrics: metrics, power: power, agentic: try AgenticResultRow.decode(row["agentic_json"]))
    }
}
