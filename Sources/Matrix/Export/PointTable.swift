/// The human-readable `table` format: one line per point, then a summary.
enum PointTable {
    static let headers = ["id", "config", "hardware", "prec", "framework", "isl/osl", "topology", "spec", "conc", "gpus"]

    static func render(_ points: [BenchmarkPoint], hardware: HardwareNaming?) -> String {
        var rows: [[String]] = [headers]
        for point in points {
            let d = point.deployment
            rows.append([
                point.id, d.configKey, hardware?.hardwareName(forRunner: d.runner) ?? d.runner + "?",
                d.precision, d.framework, "\(d.isl)/\(d.osl)", topologyLabel(d.topology), d.specDecoding,
                String(point.conc), String(d.gpus),
            ])
        }
        var out = TextTable.render(rows)
        let deployments = Set(points.map(\.deployment.id)).count
        let configs = Set(points.map(\.deployment.configKey)).count
        out += "\(points.count) points, \(deployments) deployments, \(configs) configs\n"
        return out
    }

    /// `TP8 EP8 DPA` single-node; `P 1xTP4 EP4 DPA | D 2xTP8 EP8 DPA` multi-node.
    static func topologyLabel(_ topology: Topology) -> String {
        func label(tp: Int, ep: Int, dpAttn: Bool, pp: Int?) -> String {
            var parts = ["TP\(tp)"]
            if ep > 1 { parts.append("EP\(ep)") }
            if let pp, pp > 1 { parts.append("PP\(pp)") }
            if dpAttn { parts.append("DPA") }
            return parts.joined(separator: " ")
        }
        switch topology {
        case let .singleNode(p):
            return label(tp: p.tp, ep: p.ep ?? 1, dpAttn: p.dpAttn ?? false, pp: p.pp)
        case let .multiNode(prefill, decode):
            return "P \(prefill.numWorker)x" + label(tp: prefill.tp, ep: prefill.ep, dpAttn: prefill.dpAttn, pp: prefill.pp)
                + " | D \(decode.numWorker)x" + label(tp: decode.tp, ep: decode.ep, dpAttn: decode.dpAttn, pp: decode.pp)
        }
    }
}
