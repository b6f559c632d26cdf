import Analysis

/// The series as the site ships it: columns, numbers to 4 significant digits, and only the
/// measured metrics (derived ones and frontiers are recomputed in the browser). ~70 bytes a point.
extension DashboardSeries {
    static let shippedY = [YMetric.totalPerGPU, .inputPerGPU, .outputPerGPU, .measuredJoulesPerToken]

    /// The series' JSON object, keys sorted.
    var json: String {
        var out = JSONText()
        // Deployment and config texts repeat across points: each series lists them once.
        let deployments = Array(Set(points.map(\.deployment))).sorted(), configs = Array(Set(points.map(\.config))).sorted()
        // Failed points (over the failure rate): why, per point (-1 for ok points); only when there are some.
        let reasons = Array(Set(points.compactMap(\.failure))).sorted()
        func columns(_ out: inout JSONText, _ names: [String], _ value: (DashboardPoint, String) -> Double?) {
            out.object { out in
                for name in names.sorted() {
                    out.key(name)
                    out.numbers(Rounded(points.map { value($0, name) }).values)
                }
            }
        }
        out.object { out in
            out.key("cap")
            // TTFT statistics, for the page's cap ("p90 TTFT ≤ 2 s").
            columns(&out, TTFTStatistic.allCases.map(\.rawValue)) { $0.ttft[$1] }
            out.key("cfg")
            lookup(&out, configs, points.map { configs.firstIndex(of: $0.config)! })
            out.key("conc")
            out.integers(points.map(\.conc))
            out.key("dep")
            lookup(&out, deployments, points.map { deployments.firstIndex(of: $0.deployment)! })
            out.key("framework")
            out.string(framework)
            out.key("gpus")
            out.integers(points.map(\.gpus))
            out.key("hardware")
            out.string(hardware)
            if points.contains(where: { !$0.hit.isEmpty }) {
                out.key("hit")
                columns(&out, ["server", "theoretical"]) { $0.hit[$1] }
            }
            out.key("id")
            out.string(id)
            out.key("ids")
            out.integers(points.map(\.id))
            if let allInKW {
                out.key("kw")
                out.number(allInKW)
            }
            out.key("label")
            out.string(label)
            out.key("line")
            out.string(line)
            out.key("run")
            out.raw(String(run))
            out.key("simulated")
            out.raw(simulated ? "true" : "false")
            if points.contains(where: { $0.simulated != nil }) {
                out.key("sim")
                simulatedColumns(&out)
            }
            out.key("style")
            out.object { out in
                for (key, value) in [("color", style.color), ("dash", style.dash), ("shape", style.shape), ("vendor", style.vendor)] {
                    out.key(key)
                    out.string(value)
                }
            }
            if let usdPerGPUHour {
                out.key("usd")
                out.numbers(usdPerGPUHour)
            }
            if !reasons.isEmpty {
                out.key("why")
                lookup(&out, reasons, points.map { point in point.failure.flatMap { reasons.firstIndex(of: $0) } ?? -1 })
            }
            out.key("x")
            // Only the axes this series has (the agentic ones are absent on fixed-seq-len points).
            columns(&out, XMetric.allCases.map(\.rawValue).filter { name in points.contains { $0.x[name] != nil } }) { $0.x[$1] }
            out.key("y")
            columns(&out, Self.shippedY.map(\.rawValue)) { $0.y[$1] }
        }
        return out.text
    }

    /// Beside measured points, the simulated engine's run (SimulatedBeside): simulated total
    /// tok/s/GPU and tok/s/user, the residual, anomaly as 1/0, and why where it could not run
    /// (null columns for those points).
    private func simulatedColumns(_ out: inout JSONText) {
        func value(_ point: DashboardPoint) -> (perGPU: Double, interactivity: Double?, residual: Double, anomaly: Bool)? {
            guard case .simulated(let perGPU, let interactivity, let residual, let anomaly) = point.simulated else { return nil }
            return (perGPU, interactivity, residual, anomaly)
        }
        let refusals = points.map { point -> String? in
            guard case .refused(let reason) = point.simulated else { return nil }
            return reason
        }
        let reasons = Array(Set(refusals.compactMap { $0 })).sorted()
        out.object { out in
            out.key("anom")
            out.numbers(points.map { value($0).map { $0.anomaly ? 1 : 0 } })
            out.key("intvty")
            out.numbers(Rounded(points.map { value($0)?.interactivity }).values)
            out.key("res")
            out.numbers(Rounded(points.map { value($0)?.residual }).values)
            out.key("tput")
            out.numbers(Rounded(points.map { value($0)?.perGPU }).values)
            if !reasons.isEmpty {
                out.key("why")
                lookup(&out, reasons, refusals.map { reason in reason.flatMap { reasons.firstIndex(of: $0) } ?? -1 })
            }
        }
    }

    /// Repeated texts once in `names`, then per point its index (-1: none).
    private func lookup(_ out: inout JSONText, _ names: [String], _ of: [Int]) {
        out.object { out in
            out.key("names")
            out.array(names) { $0.string($1) }
            out.key("of")
            out.integers(of)
        }
    }
}
