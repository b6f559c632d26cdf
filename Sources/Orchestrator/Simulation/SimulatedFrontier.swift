import Analysis
import Metrics
import SimEngine

/// One deployment's throughput-against-interactivity points simulated over a concurrency sweep on
/// the virtual clock, and two such sweeps' frontiers compared: the "Blackwell vs Hopper across the
/// frontier" check of `bench perf sim-calibration`.
public enum SimulatedFrontier {
    /// One point per concurrency: a closed loop of `4 × concurrency` requests, measured as a perfect client would.
    public static func sweep(
        _ config: SimConfig, isl: Int, osl: Int, concurrencies: [Int], seed: UInt64 = 1
    ) throws(SimulationRefusal) -> [PointMetrics] {
        var points: [PointMetrics] = []
        for concurrency in concurrencies {
            let run = try VirtualSimulation.closedLoop(config, isl: isl, osl: osl, concurrency: concurrency, requests: 4 * concurrency, seed: seed)
            points.append(run.pointMetrics(concurrency: concurrency, gpus: config.topology.gpus))
        }
        return points
    }

    /// Frontier `a` over frontier `b` (total tok/s/GPU) at `targets`, and its minimum, median and
    /// maximum over nine interactivities spread log-evenly across the range both cover.
    public static func compare(_ a: [PointMetrics], over b: [PointMetrics], at targets: [Double] = []) -> FrontierComparison {
        FrontierComparison(a: FrontierCurve(throughputPerGPUOf: a), b: FrontierCurve(throughputPerGPUOf: b), at: targets, samples: 9)
    }
}
