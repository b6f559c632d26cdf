import Foundation
import GRDB

/// A stored ok point's headline figures: what frontiers and the dashboard read, from columns
/// only (no metrics JSON to decode), so 100,000 points load in a fraction of a second.
public struct HeadlineRow: Sendable {
    public var pointID: Int64
    public var runID: Int64
    public var concurrency: Int
    public var isl: Int
    public var osl: Int
    public var finishedAt: Date
    public var deployment: StoredDeployment
    public var interactivity: Double?
    public var medianE2EL: Double?
    public var totalPerGPU: Double
    public var inputPerGPU: Double
    public var outputPerGPU: Double
    public var joulesPerToken: Double?
}

extension ResultStore {
    /// Every point stored as ok with a result, oldest first.
    public func headlines() throws(StoreError) -> [HeadlineRow] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT point.id, point.run_id, point.conc, point.isl, point.osl, point.finished_at, deployment.natural_key, deployment.config,
                    deployment.model, deployment.precision, deployment.hardware, deployment.framework, deployment.gpus,
                    deployment.description, deployment.tp, deployment.ep, deployment.dp_attn, deployment.spec_decoding, deployment.disagg,
                    result.interactivity, result.median_e2el, result.tput_per_gpu, result.input_tput_per_gpu, result.output_tput_per_gpu,
                    result.joules_per_token
                FROM point JOIN deployment ON deployment.id = point.deployment_id JOIN result ON result.point_id = point.id
                WHERE point.status = 'ok' AND result.tput_per_gpu IS NOT NULL ORDER BY point.id
                """).map { row in
                HeadlineRow(pointID: row["id"], runID: row["run_id"], concurrency: row["conc"], isl: row["isl"], osl: row["osl"],
                            finishedAt: row["finished_at"],
                            deployment: StoredDeployment(naturalKey: row["natural_key"], config: row["config"], model: row["model"],
                                                         precision: row["precision"], hardware: row["hardware"], framework: row["framework"],
                                                         gpus: row["gpus"], description: row["description"], tp: row["tp"], ep: row["ep"],
                                                         dpAttention: row["dp_attn"], specDecoding: row["spec_decoding"], disaggregated: row["disagg"]),
                            interactivity: row["interactivity"], medianE2EL: row["median_e2el"], totalPerGPU: row["tput_per_gpu"],
                            inputPerGPU: row["input_tput_per_gpu"] ?? 0, outputPerGPU: row["output_tput_per_gpu"] ?? 0,
                            joulesPerToken: row["joules_per_token"])
            }
        }
    }

    /// The distinct engine commands of each run.
    public func engineCommands() throws(StoreError) -> [Int64: [String]] {
        try read { db in
            var commands: [Int64: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT DISTINCT run_id, engine_command FROM point WHERE engine_command IS NOT NULL ORDER BY run_id, engine_command") {
                commands[row["run_id"], default: []].append(row["engine_command"])
            }
            return commands
        }
    }
}
