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
    /// One residual per measured point (points without metrics are left out); throws when the
    /// simulator cannot run the stored deployment.
    public static func compute(_ points: [PointRow], catalog: Catalog, seed: UInt64 = 1) throws(SimulationRefusal) -> [SimResidual] {
        var residuals: [SimResidual] = []
        for point in points {
            guard let metrics = point.metrics, let measured = metrics.totalThroughputPerGPU else { continue }
            let simulated = try simulate(point, requests: max(1, metrics.completed + metrics.failed), catalog: catalog, seed: seed)
            residuals.append(SimResidual(pointID: point.id, concurrency: point.concurrency, measuredPerGPU: measured,
                                         simulatedPerGPU: simulated.totalThroughputPerGPU ?? .nan,
                                         measuredInteractivity: metrics.interactivity, simulatedInteractivity: simulated.interactivity))
        }
        return residuals
    }

    static func simulate(_ point: PointRow, requests: Int, catalog: Catalog, seed: UInt64) throws(SimulationRefusal) -> PointMetrics {
        let deployment = point.deployment
        let stored = deployment.topology ?? .singleNode(tp: deployment.tp ?? deployment.gpus, ep: deployment.ep ?? 1, dpAttention: deployment.dpAttention ?? false)
        // The stored model is the matrix's (often a Hugging Face id); InferenceX config keys start
        // with the model-prefix the plan resolved it by.
        let prefix = String(deployment.config.split(separator: "-").first ?? "")
        let model = [deployment.model, prefix].first { catalog.model(named: $0) != nil } ?? deployment.model
        let config: SimConfig
        do {
            var resolved = try SimConfig.resolve(catalog: catalog, hardware: deployment.hardware, model: model, precision: deployment.precision,
                                                 topology: try stored.simTopology())
            resolved.useFramework(deployment.framework, catalog: catalog)
            if deployment.specDecoding?.lowercased() == "mtp" { resolved.speculative = SpeculativeDecoding(acceptanceLength: 2.5) }
            config = resolved
        } catch {
            throw SimulationRefusal(message: error.description)
        }
        let run = try VirtualSimulation.closedLoop(config, isl: point.isl, osl: point.osl, concurrency: point.concurrency,
                                                   requests: requests, seed: seed)
        return run.pointMetrics(concurrency: point.concurrency, gpus: stored.gpus, pools: stored.poolGPUs)
    }
}
