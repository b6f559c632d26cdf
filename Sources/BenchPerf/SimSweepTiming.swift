import Catalog
import Dispatch
import Orchestrator

/// `bench perf sim-sweep`'s measurement: every planned point simulated on the virtual clock,
/// deployments spread over `jobs` threads, with their metrics and no store.
public enum SimSweepTiming {
    public struct Summary: Sendable {
        public var points: Int
        public var failed: Int
        public var deployments: Int
        public var wallSeconds: Double
        public var slowestSeconds: Double
        public var slowestLabel: String
        public var pointsPerSecond: Double { Double(points) / wallSeconds }
    }

    public static func run(_ plan: SweepPlan, catalog: Catalog, settings: SweepSettings, jobs: Int) -> Summary {
        // Largest deployments first, so the last worker does not finish alone on a big one.
        let groups = plan.groups.sorted { work($0) > work($1) }
        let results = SweepTimings()
        let start = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: jobs) { _ in
            while let index = results.claim(below: groups.count) {
                let group = groups[index]
                guard let config = try? VirtualSimulation.config(group, catalog: catalog, settings: settings) else {
                    results.add(points: 0, failed: group.points.count, slowest: (0, ""))
                    continue
                }
                for planned in group.points {
                    let pointStart = DispatchTime.now().uptimeNanoseconds
                    let metrics = (try? VirtualSimulation.simulate(planned, config: config, settings: settings))?.pointMetrics
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - pointStart) / 1e9
                    let label =
                        "\(group.deployment.configKey) \(planned.point.deployment.isl)/\(planned.point.deployment.osl) conc \(planned.point.conc)"
                    results.add(points: metrics == nil ? 0 : 1, failed: metrics == nil ? 1 : 0, slowest: (seconds, label))
                }
            }
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let summary = results.summary
        return Summary(
            points: summary.points, failed: summary.failed, deployments: groups.count, wallSeconds: wall,
            slowestSeconds: summary.slowest.seconds, slowestLabel: summary.slowest.label)
    }

    /// Tokens a group simulates: what its time follows.
    static func work(_ group: DeploymentGroup) -> Int {
        group.points.reduce(0) { $0 + $1.point.conc * ($1.point.deployment.isl + $1.point.deployment.osl) }
    }
}
