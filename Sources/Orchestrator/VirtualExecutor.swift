import Catalog
import Engines
import Metrics
import SimEngine

/// Points on the simulator's virtual clock: no HTTP, no engine process; the records are what a
/// perfect client would have measured.
final class VirtualExecutor: PointExecutor, @unchecked Sendable {
    private let catalog: Catalog
    private let settings: SweepSettings
    private var config: SimConfig?

    init(catalog: Catalog, settings: SweepSettings) {
        self.catalog = catalog
        self.settings = settings
    }

    func start(_ group: DeploymentGroup, control: SweepControl) async throws(EngineError) -> String? {
        do {
            var resolved = try group.deployment.simConfig(catalog: catalog, kvCacheDType: settings.kvCacheDType,
                                                          engineArguments: group.engineArguments + settings.engineArguments)
            resolved.efficiency = resolved.efficiency.scaled(by: settings.simEfficiency ?? 1)
            config = resolved
        } catch {
            throw EngineError("the simulator cannot run \(group.deployment.configKey): \(error.message)", fix: error.fix)
        }
        return nil
    }

    var isReady: Bool { config != nil }

    func measure(_ planned: PlannedPoint, control: SweepControl, observer: any SweepObserver) async -> PointMeasurement {
        guard let config else { return PointMeasurement(records: [], error: "no simulator configuration") }
        let deployment = planned.point.deployment
        let seed = settings.seed &+ UInt64(planned.repeatIndex)
        let cluster: SimCluster
        do {
            cluster = try SimCluster(config: config, seed: seed)
        } catch {
            return PointMeasurement(records: [], error: error.description)
        }
        if let reason = cluster.rejection(promptTokens: deployment.isl, outputTokens: deployment.osl) {
            return PointMeasurement(records: [], error: "ISL \(deployment.isl) + OSL \(deployment.osl) cannot run: \(reason)")
        }
        var clock = VirtualClock(cluster: cluster)
        let count = planned.point.conc * settings.promptsPerConcurrency
        let shapes = SimWorkload.shapes(count: count, isl: deployment.isl, osl: deployment.osl,
                                        rangeRatio: settings.randomRangeRatio, seed: seed)
        let timelines = clock.runClosedLoop(shapes: shapes, concurrency: planned.point.conc)
        return PointMeasurement(records: timelines.map(RequestRecord.init(timeline:)))
    }

    func stop() async {
        config = nil
    }
}
