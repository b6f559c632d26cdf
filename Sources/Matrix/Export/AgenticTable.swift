/// The `table` format's section for agentic-coding points (nothing when there are none).
enum AgenticTable {
    static let headers = ["id", "config", "hardware", "prec", "framework", "topology", "spec", "kv offload", "dram GB", "conc", "gpus"]

    static func render(_ points: [AgenticPoint], hardware: HardwareNaming?) -> String {
        guard !points.isEmpty else { return "" }
        var rows: [[String]] = [headers]
        for point in points {
            let (c, e) = (point.config, point.entry)
            let offload = e.kvOffloading + (e.kvOffloadBackend.map { " (\($0.label))" } ?? "")
            rows.append([
                point.id, c.key, hardware?.hardwareName(forRunner: c.runner) ?? c.runner + "?",
                c.precision, c.framework, PointTable.topologyLabel(e.topology), e.specDecoding,
                offload, String(e.totalCPUDRAMGB), String(point.conc), String(point.gpus),
            ])
        }
        let configs = Set(points.map(\.config.key)).count
        return "\nagentic-coding:\n" + TextTable.render(rows)
            + "\(points.count) agentic points, \(configs) configs (\(points.first?.duration ?? 0) s of trace replay each)\n"
    }
}
