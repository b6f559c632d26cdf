import Catalog
import Engines
import SimEngine

/// How long a plan should take in real time, from the simulator: each point's simulated
/// duration (warmups included) plus an engine launch per group. For native engines this is the
/// roofline model's guess for that hardware, not a measurement; nil where the catalog lacks it.
public struct SweepEstimate: Sendable {
    /// Seconds per planned point, in plan order (nil: cannot be estimated).
    public var pointSeconds: [String: Double]
    public var launchSeconds: Double

    /// A real-time sim launch takes ~1 s here; native engines load weights for minutes.
    public init(plan: SweepPlan, settings: SweepSettings, catalog: Catalog) {
        launchSeconds = settings.virtual ? 0 : (settings.engine == .sim ? 1 : 180)
        var seconds: [String: Double] = [:]
        for group in plan.groups {
            guard
                let config = try? group.deployment.simConfig(
                    catalog: catalog, kvCacheDType: settings.kvCacheDType,
                    engineArguments: group.engineArguments + settings.engineArguments)
            else { continue }
            for planned in group.points {
                let key = SweepPlan.slotKey(planned.point.id, planned.repeatIndex)
                // A virtual sweep's wall time is the simulator's own, seconds for the whole plan.
                if settings.virtual {
                    seconds[key] = 0
                    continue
                }
                // A trace replay profiles for its duration; its warmups (a few turns per lane) come on top.
                if let agentic = group.deployment.agentic {
                    seconds[key] = Double(agentic.durationSeconds)
                    continue
                }
                guard let cluster = try? SimCluster(config: config, seed: settings.seed),
                    cluster.rejection(promptTokens: group.deployment.isl, outputTokens: group.deployment.osl) == nil
                else { continue }
                let conc = planned.point.conc
                var clock = VirtualClock(cluster: cluster)
                let shapes = SimWorkload.shapes(
                    count: conc * settings.promptsPerConcurrency, isl: group.deployment.isl,
                    osl: group.deployment.osl, rangeRatio: settings.randomRangeRatio, seed: settings.seed)
                let run = clock.runClosedLoopCompact(shapes: shapes, concurrency: conc)
                let end = run.timelines.compactMap(run.lastTokenTime).max() ?? 0
                let measured = Double(end) / 1e9
                // Real-time points run their warmups first, at the same pace.
                let warmupShare = Double(settings.warmupsPerConcurrency) / Double(max(1, settings.promptsPerConcurrency))
                seconds[key] = measured * (1 + warmupShare)
            }
        }
        pointSeconds = seconds
    }

    /// Seconds for the given points plus a launch per group they touch; nil if any is unknown.
    public func seconds(of plan: SweepPlan) -> Double? {
        var total = 0.0
        for group in plan.groups {
            total += launchSeconds
            for planned in group.points {
                guard let value = pointSeconds[SweepPlan.slotKey(planned.point.id, planned.repeatIndex)] else { return nil }
                total += value
            }
        }
        return total
    }
}
