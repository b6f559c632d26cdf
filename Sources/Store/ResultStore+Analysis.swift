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
    public var repeatIndex: Int
    /// Why the point failed (failed points only: measured, but above the failure rate).
    public var error: String?
    /// Tails beyond the medians (seconds), from the stored metrics: p90/p99 TPOT and E2E latency, TTFT
    /// median/p90/p99; nil where the source did not report them.
    public var tpotP90: Double?
    public var tpotP99: Double?
    public var e2elP90: Double?
    public var e2elP99: Double?
    public var ttftMedian: Double?
    public var ttftP90: Double?
    public var ttftP99: Double?
    /// Agentic-coding points' columns of `agentic_result` (nil for fixed-seq-len).
    public var agentic: AgenticHeadline?
}

/// An agentic point's headline figures, from `agentic_result`'s columns.
public struct AgenticHeadline: Sendable {
    public var p90E2ENormalizedInteractivity: Double?
    public var p75E2ENormalizedInteractivity: Double?
    public var p90Interactivity: Double?
    public var theoreticalCacheHitRate: Double?
    public var serverCacheHitRate: Double?
}

extension ResultStore {
    /// Every point stored as ok with a result, oldest first (with `failed`, instead the failed points that
    /// still have a result: measured, but over the failure rate; the dashboard draws them hollow). Read
    /// by column position through a cursor, with dates as numbers from SQLite: 100,000 rows of 42
    /// columns, where name lookups and date parsing per row cost more than the query.
    public func headlines(failed: Bool = false) throws(StoreError) -> [HeadlineRow] {
        try read { db in
            var rows: [HeadlineRow] = []
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT point.id, point.run_id, point.conc, point.isl, point.osl, (julianday(point.finished_at) - 2440587.5) * 86400.0, deployment.natural_key, deployment.config,
                        deployment.model, deployment.precision, deployment.hardware, deployment.framework, deployment.gpus,
                        deployment.description, deployment.tp, deployment.ep, deployment.dp_attn, deployment.spec_decoding, deployment.disagg,
                        result.interactivity, result.median_e2el, result.tput_per_gpu, result.input_tput_per_gpu, result.output_tput_per_gpu,
                        result.joules_per_token, point.repeat_index, point.error,
                        json_extract(result.metrics_json, '$.tpot.p90'), json_extract(result.metrics_json, '$.tpot.p99'),
                        json_extract(result.metrics_json, '$.e2el.p90'), json_extract(result.metrics_json, '$.e2el.p99'),
                        json_extract(result.metrics_json, '$.ttft.median'), json_extract(result.metrics_json, '$.ttft.p90'),
                        json_extract(result.metrics_json, '$.ttft.p99'), deployment.scenario, deployment.kv_offloading,
                        agentic_result.point_id, agentic_result.p90_e2e_norm_interactivity, agentic_result.p75_e2e_norm_interactivity,
                        agentic_result.p90_interactivity, agentic_result.theoretical_cache_hit_rate, agentic_result.server_cache_hit_rate
                    FROM point JOIN deployment ON deployment.id = point.deployment_id JOIN result ON result.point_id = point.id
                    LEFT JOIN agentic_result ON agentic_result.point_id = point.id
                    WHERE point.status \(failed ? "= 'failed'" : "= 'ok'") AND result.tput_per_gpu IS NOT NULL ORDER BY point.id
                    """)
            // Deployments repeat across points: decode each once.
            var deployments: [String: StoredDeployment] = [:]
            while let row = try cursor.next() {
                let key: String = row[6]
                let deployment =
                    deployments[key]
                    ?? StoredDeployment(
                        naturalKey: key, config: row[7], model: row[8], precision: row[9], hardware: row[10], framework: row[11], gpus: row[12],
                        description: row[13], tp: row[14], ep: row[15], dpAttention: row[16], specDecoding: row[17], disaggregated: row[18],
                        scenario: row[34], kvOffloading: row[35])
                deployments[key] = deployment
                rows.append(
                    HeadlineRow(
                        pointID: row[0], runID: row[1], concurrency: row[2], isl: row[3], osl: row[4],
                        finishedAt: Date(timeIntervalSince1970: row[5] ?? 0),
                        deployment: deployment, interactivity: row[19], medianE2EL: row[20], totalPerGPU: row[21],
                        inputPerGPU: row[22] ?? 0, outputPerGPU: row[23] ?? 0, joulesPerToken: row[24],
                        repeatIndex: row[25], error: row[26], tpotP90: row[27], tpotP99: row[28], e2elP90: row[29],
                        e2elP99: row[30], ttftMedian: row[31], ttftP90: row[32], ttftP99: row[33],
                        agentic: (row[36] as Int64?) == nil
                            ? nil
                            : AgenticHeadline(
                                p90E2ENormalizedInteractivity: row[37], p75E2ENormalizedInteractivity: row[38], p90Interactivity: row[39],
                                theoreticalCacheHitRate: row[40], serverCacheHitRate: row[41])))
            }
            return rows
        }
    }

    /// The distinct engine commands of each run.
    public func engineCommands() throws(StoreError) -> [Int64: [String]] {
        try read { db in
            var commands: [Int64: [String]] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT DISTINCT run_id, engine_command FROM point WHERE engine_command IS NOT NULL ORDER BY run_id, engine_command")
            {
                commands[row["run_id"], default: []].append(row["engine_command"])
            }
            return commands
        }
    }
}
