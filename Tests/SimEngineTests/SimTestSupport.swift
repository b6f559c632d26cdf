import Catalog

@testable import SimEngine

let bundledCatalog = try! Catalog.load()

func simConfig(
    _ hardware: String = "h200", model: String = "dsr1", precision: String = "fp8",
    tp: Int = 8, ep: Int = 1, dpAttention: Bool = false, kv: String = "bf16",
    edit: (inout SimConfig) -> Void = { _ in }
) throws -> SimConfig {
    var config = try SimConfig.resolve(
        catalog: bundledCatalog, hardware: hardware, model: model, precision: precision,
        kvCacheDType: kv, topology: .aggregated(WorkerShape(tp: tp, ep: ep, dpAttention: dpAttention)))
    edit(&config)
    return config
}

func decodeWork(batch: Int, context: Int) -> StepWork {
    var work = StepWork()
    work.decodeSequences = batch
    work.decodeContextTokens = batch * context
    return work
}

func closedLoop(_ config: SimConfig, isl: Int, osl: Int, concurrency: Int, requests: Int, seed: UInt64 = 1) throws -> [RequestTimeline] {
    var clock = VirtualClock(cluster: try SimCluster(config: config, seed: seed))
    return clock.runClosedLoop(shapes: SimWorkload.shapes(count: requests, isl: isl, osl: osl, seed: seed), concurrency: concurrency)
}

/// Output tokens per second per GPU over the whole run.
func outputThroughputPerGPU(_ timelines: [RequestTimeline], gpus: Int) -> Double {
    let start = timelines.map(\.arrival).min()!, end = timelines.compactMap(\.tokenTimes.last).max()!
    let tokens = timelines.reduce(0) { $0 + $1.tokenTimes.count }
    return Double(tokens) / (Double(end - start) / 1e9) / Double(gpus)
}
