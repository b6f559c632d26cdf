import ArgumentParser
import Catalog
import Dispatch
import Foundation
import Metrics
import Orchestrator

/// `bench perf sim-sweep`: how long the simulated engine takes to sweep whole matrices on the
/// virtual clock, deployments spread over the cores (no store: the simulation alone).
struct SimSweepPerf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim-sweep",
        abstract: "Simulate every fixed-seq-len point of the matrices on the virtual clock, deployments in parallel across cores, with their metrics; print the wall time (target: InferenceX's master configs in under 60 s).")

    @Option(name: .customLong("matrix"), help: "Matrix file (repeat for more).") var matrices: [String]
    @Option(help: "InferenceX's runners.yaml (default: one beside the matrix).") var runnerConfig: String?
    @Option(help: "Deployments simulated at once (default: the cores).") var jobs = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Wall-time target in seconds.") var target = 60.0
    @OptionGroup var catalogOption: CatalogOption

    func validate() throws {
        guard !matrices.isEmpty else { throw ValidationError("give at least one --matrix") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let catalog = try loadCatalog(catalogOption.path)
        var sweepSettings = SweepSettings(matrixFiles: matrices)
        sweepSettings.virtual = true
        sweepSettings.runnerConfigPath = runnerConfig
        let settings = sweepSettings
        let plan: SweepPlan
        do {
            plan = try SweepPlan(settings: settings, catalog: catalog, machineHardware: nil)
        } catch {
            throw ValidationError(error.description)
        }
        // Largest deployments first, so the last worker does not finish alone on a big one.
        let groups = plan.groups.sorted { Self.work($0) > Self.work($1) }
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
                    let label = "\(group.deployment.configKey) \(planned.point.deployment.isl)/\(planned.point.deployment.osl) conc \(planned.point.conc)"
                    results.add(points: metrics == nil ? 0 : 1, failed: metrics == nil ? 1 : 0, slowest: (seconds, label))
                }
            }
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let summary = results.summary
        Console.line(String(format: "%d points of %d deployments simulated in %.1f s wall with %d jobs (%.1f points/s); %d failed; slowest point %.1f s (%@); %d skipped at plan time",
                            summary.points, groups.count, wall, jobs, Double(summary.points) / wall, summary.failed, summary.slowest.0, summary.slowest.1, plan.skipped.count))
        Console.line("target: under \(Int(target)) s -> \(wall < target ? "met" : "NOT met")")
        if wall >= target { throw ExitCode(1) }
    }

    /// Tokens a group simulates: what its time follows.
    static func work(_ group: DeploymentGroup) -> Int {
        group.points.reduce(0) { $0 + $1.point.conc * ($1.point.deployment.isl + $1.point.deployment.osl) }
    }
}

/// The workers' shared counters, behind one lock.
private final class SweepTimings: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var points = 0, failed = 0
    private var slowest: (Double, String) = (0, "")

    func claim(below count: Int) -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func add(points: Int, failed: Int, slowest candidate: (Double, String)) {
        lock.withLock {
            self.points += points
            self.failed += failed
            if candidate.0 > slowest.0 { slowest = candidate }
        }
    }

    var summary: (points: Int, failed: Int, slowest: (Double, String)) { lock.withLock { (points, failed, slowest) } }
}
