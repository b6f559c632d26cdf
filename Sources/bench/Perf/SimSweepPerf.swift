import ArgumentParser
import BenchPerf
import Foundation
import Orchestrator

/// `bench perf sim-sweep`: how long the simulated engine takes to sweep whole matrices on the
/// virtual clock, deployments spread over the cores (no store: the simulation alone).
struct SimSweepPerf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim-sweep",
        abstract:
            "Simulate every fixed-seq-len point of the matrices on the virtual clock, deployments in parallel across cores, with their metrics; print the wall time (target: InferenceX's master configs in under 60 s)."
    )

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
        let summary = SimSweepTiming.run(plan, catalog: catalog, settings: settings, jobs: jobs)
        Console.line(
            String(
                format:
                    "%d points of %d deployments simulated in %.1f s wall with %d jobs (%.1f points/s); %d failed; slowest point %.1f s (%@); %d skipped at plan time",
                summary.points, summary.deployments, summary.wallSeconds, jobs, summary.pointsPerSecond, summary.failed,
                summary.slowestSeconds, summary.slowestLabel, plan.skipped.count))
        Console.line("target: under \(Int(target)) s -> \(summary.wallSeconds < target ? "met" : "NOT met")")
        if summary.wallSeconds >= target { throw ExitCode(1) }
    }
}
