import Catalog
import Dispatch
import Engines
import Foundation
import LoadGen
import Metrics
import SimEngine

/// Points on the simulator's virtual clock: no HTTP, no engine process; the records are what a
/// perfect client would have measured.
/// Why the simulator cannot run one point.
public struct SimulationRefusal: Error, Sendable {
    public var message: String
}

final class VirtualExecutor: PointExecutor, @unchecked Sendable {
    private let catalog: Catalog
    private let settings: SweepSettings
    /// The group's points, simulated together when it starts (across the cores: each point is its
    /// own cluster), handed out one by one as the sweep measures and stores them.
    private var measured: [PlannedPoint: PointMeasurement]?
    /// The agentic traces, read when the first agentic group starts.
    private var traces: [AgenticTrace]?

    init(catalog: Catalog, settings: SweepSettings) {
        self.catalog = catalog
        self.settings = settings
    }

    func start(_ group: DeploymentGroup, control: SweepControl) async throws(EngineError) -> String? {
        let config: SimConfig
        do {
            config = try VirtualSimulation.config(group, catalog: catalog, settings: settings)
        } catch {
            throw EngineError("the simulator cannot run \(group.deployment.configKey): \(error.message)", fix: error.fix)
        }
        let points = group.points, settings = settings
        if group.deployment.agentic != nil, traces == nil {
            do {
                traces = try AgenticTraceSource.load(settings)
            } catch {
                throw EngineError(error.description, fix: "fix the trace file, or leave out --traces for synthetic traces")
            }
        }
        let replayed = traces ?? []
        let results = LockedResults(count: points.count)
        DispatchQueue.concurrentPerform(iterations: points.count) { index in
            let point = points[index]
            results.set(
                index,
                point.point.deployment.agentic == nil
                    ? Self.measure(point, config: config, settings: settings)
                    : Self.replay(point, traces: replayed, config: config, settings: settings))
        }
        measured = Dictionary(zip(points, results.values), uniquingKeysWith: { first, _ in first })
        return nil
    }

    var isReady: Bool { measured != nil }

    func measure(_ planned: PlannedPoint, control: SweepControl, observer: any SweepObserver) async -> PointMeasurement {
        measured?[planned] ?? PointMeasurement(records: [], error: "no simulator configuration")
    }

    private static func measure(_ planned: PlannedPoint, config: SimConfig, settings: SweepSettings) -> PointMeasurement {
        do {
            let simulated = try VirtualSimulation.simulate(planned, config: config, settings: settings)
            return PointMeasurement(records: simulated.records(keepEvents: settings.keepEvents == true), precomputed: simulated.pointMetrics)
        } catch {
            return PointMeasurement(records: [], error: error.message)
        }
    }

    /// An agentic-coding point: its traces replayed on the virtual clock (VirtualAgenticReplay).
    private static func replay(_ planned: PlannedPoint, traces: [AgenticTrace], config: SimConfig, settings: SweepSettings) -> PointMeasurement {
        let deployment = planned.point.deployment
        do {
            let outcome = try VirtualAgenticReplay.simulate(
                config: config, traces: traces, lanes: planned.point.conc, durationSeconds: deployment.agentic?.durationSeconds ?? 0,
                seed: settings.agenticSeed &+ UInt64(planned.repeatIndex), gpus: deployment.gpus, pools: deployment.poolGPUs,
                keepEvents: settings.keepEvents == true)
            return PointMeasurement(records: outcome.records, precomputed: outcome.metrics, agentic: outcome.agentic)
        } catch {
            return PointMeasurement(records: [], error: error.message)
        }
    }

    func stop() async {
        measured = nil
    }
}

/// Results written by concurrent workers, one slot each.
private final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [PointMeasurement?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: PointMeasurement) {
        lock.withLock { slots[index] = value }
    }

    var values: [PointMeasurement] {
        lock.withLock { slots.map { $0 ?? PointMeasurement(records: [], error: "not simulated") } }
    }
}

/// A sweep's points on the simulated engine's virtual clock, one deployment's configuration at a
/// time: what `bench run --virtual` measures and `bench perf sim-sweep` times.
public enum VirtualSimulation {
    /// The deployment group's simulator configuration, with the sweep's efficiency scaling.
    public static func config(_ group: DeploymentGroup, catalog: Catalog, settings: SweepSettings) throws(SimConfigError) -> SimConfig {
        var config = try group.deployment.simConfig(
            catalog: catalog, kvCacheDType: settings.kvCacheDType,
            engineArguments: group.engineArguments + settings.engineArguments)
        config.efficiency = config.efficiency.scaled(by: settings.simEfficiency ?? 1)
        return config
    }

    /// One planned point on the virtual clock: what a perfect client would have measured.
    /// `bench run --virtual` and `bench perf sim-sweep` both go through here.
    public static func simulate(_ planned: PlannedPoint, config: SimConfig, settings: SweepSettings) throws(SimulationRefusal) -> SimulatedPoint {
        let deployment = planned.point.deployment
        let run = try closedLoop(
            config, isl: deployment.isl, osl: deployment.osl, concurrency: planned.point.conc,
            requests: planned.point.conc * settings.promptsPerConcurrency, rangeRatio: settings.randomRangeRatio,
            seed: settings.seed &+ UInt64(planned.repeatIndex))
        return SimulatedPoint(run: run, concurrency: planned.point.conc, gpus: deployment.gpus, pools: deployment.poolGPUs)
    }

    /// The simulator's core for `config`, or why it cannot be built.
    static func cluster(_ config: SimConfig, seed: UInt64) throws(SimulationRefusal) -> SimCluster {
        do {
            return try SimCluster(config: config, seed: seed)
        } catch {
            throw SimulationRefusal(message: error.description)
        }
    }

    /// `requests` requests of about ISL/OSL tokens at a fixed concurrency, as a benchmark client
    /// sends them; also what a stored point is re-run with (SimResiduals).
    static func closedLoop(
        _ config: SimConfig, isl: Int, osl: Int, concurrency: Int, requests: Int, rangeRatio: Double = 1,
        seed: UInt64
    ) throws(SimulationRefusal) -> CompactRun {
        let cluster = try Self.cluster(config, seed: seed)
        if let reason = cluster.rejection(promptTokens: isl, outputTokens: osl) {
            throw SimulationRefusal(message: "ISL \(isl) + OSL \(osl) cannot run: \(reason)")
        }
        var clock = VirtualClock(cluster: cluster)
        let shapes = SimWorkload.shapes(count: requests, isl: isl, osl: osl, rangeRatio: rangeRatio, seed: seed)
        return clock.runClosedLoopCompact(shapes: shapes, concurrency: concurrency)
    }
}

/// A simulated point: its metrics straight from the compact timelines, its records on demand.
public struct SimulatedPoint: Sendable {
    public let run: CompactRun
    public let pointMetrics: PointMetrics

    init(run: CompactRun, concurrency: Int, gpus: Int, pools: (prefill: Int, decode: Int)?) {
        self.run = run
        pointMetrics = run.pointMetrics(concurrency: concurrency, gpus: gpus, pools: pools)
    }

    /// Without `keepEvents` each request keeps its first and last token only (docs/simulator.md).
    public func records(keepEvents: Bool) -> [RequestRecord] { run.records(keepEvents: keepEvents) }
}
