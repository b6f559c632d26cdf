/// The `table` format's section for agentic-coding points (nothing when there are none).
enum AgenticTable {
    static let headers = ["id", "config", "hardware", "prec", "framework", "topology", "spec", "kv offload", "dram GB", "conc", "gpus"]

    static func render(_ points: [AgenticPoint], hardware: HardwareNaming?) -> String {
        guard !points.isEmpty else { return "" }
        var rows: [[String]] = [headers]
        for point in points {
            let offload = point.kvOffloading + (point.kvOffloadBackend.map { " (\($0.label))" } ?? "")
            rows.append([point.id, point.configKey, hardware?.hardwareName(forRunner: point.runner) ?? point.runner + "?",
                         point.precision, point.framework, PointTable.topologyLabel(point.topology), point.specDecoding,
                         offload, String(point.totalCPUDRAMGB), String(point.conc), String(point.gpus)])
        }
        let configs = Set(points.map(\.configKey)).count
        return "\nagentic-coding:\n" + PointTable.aligned(rows)
            + "\(points.count) agentic points, \(configs) configs (\(points.first?.duration ?? 0) s of trace replay each)\n"
    }
}
