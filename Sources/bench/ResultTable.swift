import Foundation
import Store

/// The table `bench run` and `bench runs show` end with: one row per stored point.
enum ResultTable {
    static func text(_ rows: [PointRow]) -> String {
        guard !rows.isEmpty else { return "no points stored\n" }
        let header = ["point", "config", "hardware", "framework", "parallel", "isl/osl", "conc", "status", "tok/s/gpu", "tok/s/user",
                      "ttft ms", "tpot ms", "ok/all"]
        let body = rows.map { row -> [String] in
            let metrics = row.metrics
            func number(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "-" }
            return ["\(row.id)", row.deployment.config, row.deployment.hardware, row.deployment.framework, row.deployment.description,
                    "\(row.isl)/\(row.osl)", "\(row.concurrency)" + (row.repeatIndex > 0 ? "#\(row.repeatIndex + 1)" : ""), row.status,
                    number(metrics?.totalThroughputPerGPU, "%.1f"), number(metrics?.interactivity, "%.1f"),
                    number(metrics?.ttft.map { $0.median * 1000 }, "%.1f"), number(metrics?.tpot.map { $0.median * 1000 }, "%.2f"),
                    metrics.map { "\($0.completed)/\($0.completed + $0.failed)" } ?? "-"]
        }
        let widths = header.indices.map { column in ([header] + body).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        return ([line(header)] + body.map(line)).joined(separator: "\n") + "\n"
    }

    static func json(_ rows: [PointRow]) -> String {
        let objects: [[String: Any]] = rows.map { row in
            var object: [String: Any] = [
                "point_id": row.id, "run_id": row.runID, "point_key": row.pointKey, "repeat": row.repeatIndex, "status": row.status,
                "config": row.deployment.config, "hardware": row.deployment.hardware, "framework": row.deployment.framework,
                "precision": row.deployment.precision, "model": row.deployment.model, "gpus": row.deployment.gpus,
                "isl": row.isl, "osl": row.osl, "conc": row.concurrency,
            ]
            if let error = row.error { object["error"] = error }
            if let metrics = row.metrics {
                object["tput_per_gpu"] = metrics.totalThroughputPerGPU
                object["output_tput_per_gpu"] = metrics.outputThroughputPerGPU
                object["interactivity"] = metrics.interactivity
                object["median_ttft_s"] = metrics.ttft?.median
                object["median_tpot_s"] = metrics.tpot?.median
                object["completed"] = metrics.completed
                object["failed"] = metrics.failed
            }
            return object
        }
        let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
