import Catalog
import Metrics
import SimEngine
import Store

/// A measured point beside the simulated engine's run of the same deployment at the same
/// concurrency and request count, on the virtual clock. The residual is how far the measured
/// engine is off the model: measured / simulated − 1 on total tok/s per GPU (−0.2: 20% slower
/// than simulated). Beyond the simulator's validated error band it is an anomaly: either the
/// engine or the model is off.
public struct SimResidual: Sendable {
    public var pointID: Int64
    public var concurrency: Int
    public var measuredPerGPU: Double
    public var simulatedPerGPU: Double
    /// tok/s/user, measured and simulated.
    public var measuredInteractivity: Double?
    public var simulatedInteractivity: Double?

    public var residual: Double { measuredPerGPU / simulatedPerGPU - 1 }

    public func isAnomaly(band: Double) -> Bool { abs(residual) > band }
}

public enum SimResiduals {
    /// The simulator's out-of-sample 90th-percentile error target (docs/simulator.md): beyond it a
    /// residual is an anomaly, for `bench compare --sim-residuals` and the dashboard alike.
    public static let defaultBand = 0.35

    /// Simulated runs by deployment, ISL/OSL, concurrency and request count: repeats and the runs
    /// of a history simulate the same deployments, each once.
    public typealias Memo = [String: Result<PointMetrics, SimulationRefusal>]

    /// One residual per measured point (points without metrics are left out); throws when the
    /// simulator cannot run the stored deployment.
    public static func compute(_ points: [PointRow], catalog: Catalog, seed: UInt64 = 1) throws(SimulationRefusal) -> [SimResidual] {
        var residuals: [SimResidual] = [], memo: Memo = [:]
        for point in points {
            if let residual = try residual(point, catalog: catalog, seed: seed, memo: &memo) { residuals.append(residual) }
        }
        return residuals
    }

    /// One point's residual; nil when it has no measured throughput.
    public static func residual(_ point: PointRow, catalog: Catalog, seed: UInt64 = 1, memo: inout Memo) throws(SimulationRefusal) -> SimResidual? {
        guard let metrics = point.metrics, let measured = metrics.totalThroughputPerGPU else { return nil }
        let requests = max(1, metrics.completed + metrics.failed)
        let key = "\(point.deployment.naturalKey)|\(point.isl)|\(point.osl)|\(point.concurrency)|\(requests)"
        let outcome: Result<PointMetrics, SimulationRefusal>
        if let known = memo[key] {
            outcome = known
        } else {
            do throws(SimulationRefusal) {
                outcome = .success(try simulate(point, requests: requests, catalog: catalog, seed: seed))
            } catch {
                outcome = .failure(error)
            }
            memo[key] = outcome
        }
        let simulated = try outcome.get()
        return SimResidual(
            pointID: point.id, concurrency: point.concurrency, measuredPerGPU: measured,
            simulatedPerGPU: simulated.totalThroughputPerGPU ?? .nan,
            measuredInteractivity: metrics.interactivity, simulatedInteractivity: simulated.interactivity)
    }

    static func simulate(_ point: PointRow, requests: Int, catalog: Catalog, seed: UInt64) throws(SimulationRefusal) -> PointMetrics {
        let deployment = point.deployment
        let stored =
            deployment.topology
            ?? .singleNode(tp: deployment.tp ?? deployment.gpus, ep: deployment.ep ?? 1, dpAttention: deployment.dpAttention ?? false)
        // The stored model is the matrix's (often a Hugging Face id); InferenceX config keys start
        // with the model-prefix the plan resolved it by.
        let prefix = String(deployment.config.split(separator: "-").first ?? "")
        let model = [deployment.model, prefix].first { catalog.model(named: $0) != nil } ?? deployment.model
        let config: SimConfig
        do {
            var resolved = try SimConfig.resolve(
                catalog: catalog, hardware: deployment.hardware, model: model, precision: deployment.precision,
                topology: try stored.simTopology())
            stored.useEngine(deployment.framework, specDecoding: deployment.specDecoding, in: &resolved, catalog: catalog)
            config = resolved
        } catch {
            throw SimulationRefusal(message: error.description)
        }
        let run = try VirtualSimulation.closedLoop(
            config, isl: point.isl, osl: point.osl, concurrency: point.concurrency,
            requests: requests, seed: seed)
        return run.pointMetrics(concurrency: point.concurrency, gpus: stored.gpus, pools: stored.poolGPUs)
    }
}
