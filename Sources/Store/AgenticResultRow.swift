import Foundation
import GRDB
import Metrics

/// An agentic point's `agentic_result` row: the headline statistics as columns (for SQL readers and
/// the CSV), the whole measurement as JSON (what bench reads back).
enum AgenticResultRow {
    static func insert(_ agentic: AgenticMeasurement, point: Int64, _ db: Database) throws {
        let m = agentic.metrics, server = agentic.server
        try db.execute(
            sql: """
                INSERT INTO agentic_result (point_id, theoretical_cache_hit_rate, server_cache_hit_rate, server_gpu_cache_hit_rate,
                    server_cpu_cache_hit_rate, mean_interactivity, p50_interactivity, p75_interactivity, p90_interactivity,
                    mean_e2e_norm_interactivity, p50_e2e_norm_interactivity, p75_e2e_norm_interactivity, p90_e2e_norm_interactivity,
                    p90_ttft, p90_e2el, qps, kv_usage_peak, offload_gbps, context_overflows, agentic_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                point, m.theoreticalCacheHitRate, server?.overallHitRate, server?.gpuHitRate, server?.cpuHitRate,
                m.interactivity?.mean, m.interactivity?.p50, m.interactivity?.p75, m.interactivity?.p90,
                m.e2eNormalizedInteractivity?.mean, m.e2eNormalizedInteractivity?.p50, m.e2eNormalizedInteractivity?.p75,
                m.e2eNormalizedInteractivity?.p90, m.ttft?.p90, m.e2el?.p90, m.meanQPS, server?.kvUsagePeak,
                server?.offloadGBps(durationSeconds: m.durationSeconds), agentic.contextOverflows,
                String(decoding: try JSONEncoder().encode(agentic), as: UTF8.self),
            ])
    }

    static func decode(_ json: String?) throws -> AgenticMeasurement? {
        try json.map { try JSONDecoder().decode(AgenticMeasurement.self, from: Data($0.utf8)) }
    }
}
