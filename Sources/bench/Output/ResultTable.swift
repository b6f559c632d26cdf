import Foundation
import Matrix
import Store

/// The table `bench run` and `bench runs show` end with: one row per stored point.
enum ResultTable {
    static func text(_ rows: [PointRow]) -> String {
        guard !rows.isEmpty else { return "no points stored\n" }
        let header = [
            "point", "config", "hardware", "framework", "parallel", "isl/osl", "conc", "status", "tok/s/gpu", "tok/s/user",
            "ttft ms", "tpot ms", "ok/all",
        ]
        let body = rows.map { row -> [String] in
            let metrics = row.metrics
            func number(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "-" }
            return [
                "\(row.id)", row.deployment.config, row.deployment.hardware, row.deployment.framework, row.deployment.description,
                row.deployment.isAgentic ? "agentic" : "\(row.isl)/\(row.osl)", "\(row.concurrency)" + (row.repeatIndex > 0 ? "#\(row.repeatIndex + 1)" : ""), row.status.rawValue,
                number(metrics?.totalThroughputPerGPU, "%.1f"), number(metrics?.interactivity, "%.1f"),
                number(metrics?.ttft.map { $0.median * 1000 }, "%.1f"), number(metrics?.tpot.map { $0.median * 1000 }, "%.2f"),
                metrics.map { "\($0.completed)/\($0.completed + $0.failed)" } ?? "-",
            ]
        }
        return TextTable.render([header] + body)
    }

    /// Typed: numbers as numbers, null where a point has no value.
    static func json(_ rows: [PointRow]) -> String {
        JSONValue.array(
            rows.map { row in
                let metrics = row.metrics
                return .object([
                    ("point_id", .int(Int(row.id))), ("run_id", .int(Int(row.runID))), ("point_key", .string(row.pointKey)),
                    ("repeat", .int(row.repeatIndex)), ("status", .string(row.status.rawValue)), ("error", row.error.json),
                    ("config", .string(row.deployment.config)), ("hardware", .string(row.deployment.hardware)),
                    ("framework", .string(row.deployment.framework)), ("precision", .string(row.deployment.precision)),
                    ("model", .string(row.deployment.model)), ("gpus", .int(row.deployment.gpus)),
                    ("isl", .int(row.isl)), ("osl", .int(row.osl)), ("conc", .int(row.concurrency)),
                    ("tput_per_gpu", (metrics?.totalThroughputPerGPU).json), ("output_tput_per_gpu", (metrics?.outputThroughputPerGPU).json),
                    ("interactivity", (metrics?.interactivity).json), ("median_ttft_s", (metrics?.ttft?.median).json),
                    ("median_tpot_s", (metrics?.tpot?.median).json), ("completed", (metrics?.completed).json), ("failed", (metrics?.failed).json),
                ])
            }
        ).text + "\n"
    }
}
