import Catalog
import Metrics
import Orchestrator
import SimEngine

/// The DeepSeek-R1 frontiers `bench perf sim-calibration` compares across GPU generations.
public enum DSR1Sweep {
    /// One GPU's SGLang DeepSeek-R1 deployments (with SGLang's fitted speed factor) (TP8, and TP8 + EP8 with DP attention;
    /// H100, whose 8 GPUs do not hold the FP8 weights, as TP8 × PP2 over two nodes), swept over
    /// concurrency: the points a frontier is drawn from.
    public static func points(_ catalog: Catalog, _ hardware: String, _ precision: String, isl: Int, osl: Int) throws -> [PointMetrics] {
        let shapes = hardware == "h100" ? [WorkerShape(tp: 8, pp: 2)] : [WorkerShape(tp: 8), WorkerShape(tp: 8, ep: 8, dpAttention: true)]
        // 1k/8k's long outputs make each point 8× the work: stop at 256.
        let concurrencies = [1, 2, 4, 8, 16, 32, 64, 128, 256] + (osl > 4096 ? [] : [512])
        return try shapes.flatMap { shape in
            var config = try SimConfig.resolve(
                catalog: catalog, hardware: hardware, model: "dsr1", precision: precision,
                kvCacheDType: "fp8", topology: .aggregated(shape))
            config.maxRunningRequests = 512
            config.useFramework("sglang", catalog: catalog)
            return try SimulatedFrontier.sweep(config, isl: isl, osl: osl, concurrencies: concurrencies)
        }
    }
}
