import Catalog
import Engines
import Foundation
import Orchestrator

/// `bench run --dry-run`: the points, the engine launches with their commands, what is skipped
/// and why, and the estimated time.
enum PlanText {
    static func render(_ plan: SweepPlan, settings: SweepSettings, catalog: Catalog) -> String {
        let estimate = SweepEstimate(plan: plan, settings: settings, catalog: catalog)
        let options = RecipeOptions(
            benchExecutable: "bench", python: settings.python, modelPath: settings.modelPath,
            kvCacheDType: settings.kvCacheDType, extraArguments: settings.engineArguments,
            simArguments: settings.simArguments, catalogPath: settings.catalogPath)
        var text =
            "plan: \(counted(plan.pointCount, "point")) in \(counted(plan.groups.count, "engine launch", plural: "engine launches")) "
            + "(engine \(settings.engine.rawValue), \(settings.clock) clock), \(plan.skippedCount) skipped\n"
        for (index, group) in plan.groups.enumerated() {
            let deployment = group.deployment
            let concs = group.points.map { "\($0.point.conc)" + ($0.repeatIndex > 0 ? "#\($0.repeatIndex + 1)" : "") }
            text +=
                "\n\(index + 1). \(deployment.configKey) \(deployment.workloadLabel) \(deployment.stored(catalog: catalog).description), "
                + "\(counted(deployment.gpus, "GPU")): conc \(concs.joined(separator: ", "))\n"
            if !settings.virtual {
                if settings.engine == .external {
                    text += "   engine: external \(settings.externalURL ?? "")\n"
                } else if let command = try? group.launchCommand(settings: settings, options: options, port: 0) {
                    text += "   engine: \(command.display.replacingOccurrences(of: "--port 0", with: "--port PORT"))\n"
                }
            }
        }
        if !plan.skipped.isEmpty {
            text += "\nskipped:\n"
            for skipped in plan.skipped {
                text +=
                    "  \(skipped.point.deployment.configKey) \(skipped.point.deployment.workloadLabel) conc \(skipped.point.conc): \(skipped.reason)\n"
            }
        }
        if !plan.skippedAgentic.isEmpty {
            let configs = Set(plan.skippedAgentic.map(\.config.key)).count
            text +=
                "\nskipped \(counted(plan.skippedAgentic.count, "agentic-coding point")) of \(counted(configs, "config")): \(SweepPlan.agenticSkipReason)"
                + " (bench matrix expand --scenario agentic-coding lists them)\n"
        }
        if let seconds = estimate.seconds(of: plan) {
            text +=
                "\nestimated time: \(SweepDisplay.clock(seconds))"
                + (settings.engine == .sim
                    ? " (simulated durations, warmups and launches)\n"
                    : " (the simulator's roofline guess for this hardware plus \(Int(estimate.launchSeconds)) s per launch)\n")
        } else {
            text += "\nestimated time: unknown (the catalog lacks some of the hardware or models)\n"
        }
        return text
    }
}
