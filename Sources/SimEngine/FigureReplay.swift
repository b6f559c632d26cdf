import Catalog
import Metrics

/// Re-runs a published figure's setting on the simulated engine, on the virtual clock: the
/// figure's concurrency (or, for a maximum-throughput table, as many requests as the KV cache
/// holds, at most 2,048 per instance) with three times that many requests queued at once.
public enum FigureReplay {
    /// The speeds a replay runs at.
    public enum Speeds: Sendable, Equatable {
        /// The catalog's fitted framework factors, as every simulation of a known engine.
        case fitted
        /// The bare roofline with the compute side divided by `computeSpeed`, as the factors are fitted from.
        case bare(computeSpeed: Double)
    }

    /// The figure's metric as the simulated engine gives it.
    public static func simulate(_ figure: PublishedFigure, catalog: Catalog, speeds: Speeds = .fitted) throws(SimConfigError) -> Double {
        let shape = WorkerShape(tp: figure.tp, ep: figure.ep, dpAttention: figure.dpAttention)
        var config = try SimConfig.resolve(
            catalog: catalog, hardware: figure.hardware, model: figure.model, precision: figure.precision,
            kvCacheDType: figure.kvCache, topology: .aggregated(shape))
        let speculative = SpeculativeDecoding.named(figure.specDecoding, acceptanceLength: figure.acceptanceLength)
        config.useFramework(figure.framework, catalog: catalog, pool: figure.metric.isPool, speculative: speculative)
        if case .bare(let computeSpeed) = speeds {
            config.frameworkSpeed = 1
            config.computeSpeed = computeSpeed
        }
        config.engineMemory.fraction = figure.memoryFraction ?? config.engineMemory.fraction
        guard figure.isl >= 1 else { throw SimConfigError("figure \(figure.id) has no input length", fix: "give isl, at least 1") }
        switch figure.metric {
        case .prefillInputPerGPU:
            // SGLang's chunked prefill budget on large GPUs, per DP-attention rank (as LMSYS ran it).
            config.chunkedPrefillSize = 16384 * (shape.dpAttention ? shape.tp : 1)
            return try Calibration.poolThroughput(config, shape: shape, prefill: figure.isl)
        case .decodeOutputPerGPU:
            return try Calibration.poolThroughput(
                config, shape: shape, decodeBatchPerGPU: min(figure.concurrency ?? maximumDecodeBatchPerGPU, maximumDecodeBatchPerGPU), context: figure.isl)
        default: break
        }
        if !figure.metric.higherIsBetter {
            guard let concurrency = figure.concurrency else {
                throw SimConfigError("figure \(figure.id) quotes a latency without a concurrency", fix: "give the concurrency it was measured at")
            }
            let metrics = try closedLoop(config, isl: figure.isl, osl: figure.osl, concurrency: concurrency)
            let latency = figure.metric == .medianTPOT ? metrics.tpot?.median : metrics.ttft?.median
            return (latency ?? .nan) * 1000
        }
        let output = try outputThroughput(config, shape: shape, isl: figure.isl, osl: figure.osl, concurrency: figure.concurrency)
        // The source's GPU count can differ from the instance's (a TP1 figure quoted for a node).
        let perGPU = output / Double(shape.gpus)
        switch figure.metric {
        case .outputPerGPU: return perGPU
        case .outputTotal: return perGPU * Double(figure.gpus)
        case .totalTotal: return perGPU * Double(figure.gpus) * Double(figure.isl + figure.osl) / Double(figure.osl)
        case .medianTPOT, .medianTTFT, .prefillInputPerGPU, .decodeOutputPerGPU: return .nan  // returned above
        }
    }

    /// A decode pool quoted without its batch runs as many sequences as its KV cache holds, up to this many per GPU.
    static let maximumDecodeBatchPerGPU = 4096

    /// A benchmark client's view at fixed concurrency: ten requests per slot, each sent when one finishes.
    static func closedLoop(_ config: SimConfig, isl: Int, osl: Int, concurrency: Int) throws(SimConfigError) -> PointMetrics {
        var config = config
        config.maxRunningRequests = max(config.maxRunningRequests, concurrency)
        var clock = VirtualClock(cluster: try SimCluster(config: config, seed: 1))
        let run = clock.runClosedLoopCompact(shapes: Array(repeating: (isl, osl), count: 10 * concurrency), concurrency: concurrency)
        return run.pointMetrics(concurrency: concurrency, gpus: nil)
    }

    /// Output tok/s of one instance with `concurrency` requests in flight (nil: as many as fit).
    static func outputThroughput(_ config: SimConfig, shape: WorkerShape, isl: Int, osl: Int, concurrency: Int?) throws(SimConfigError) -> Double {
        var config = config
        let fit = try PerfModel(config: config, shape: shape).kvCapacityTokens / max(1, isl + osl)
        let concurrent = max(1, concurrency ?? min(2048, fit))
        config.maxRunningRequests = concurrent
        let cluster = try SimCluster(config: config, seed: 1)
        let count = 3 * concurrent
        let requests = (0..<count).map { SimRequest(id: $0, arrival: 0, promptTokens: isl, outputTokens: osl) }
        var clock = VirtualClock(cluster: cluster)
        let run = clock.runCompact(requests)
        let end = run.timelines.compactMap(run.lastTokenTime).max() ?? 1
        return Double(count * osl) / (Double(max(1, end)) / 1e9)
    }
}
