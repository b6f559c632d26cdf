import Testing
@testable import SimEngine

@Test func debugBreakdown() throws {
    let shape = WorkerShape(tp: 48, ep: 48, dpAttention: true)
    let config = try simConfig("gb200", precision: "fp4", tp: 48, ep: 48, dpAttention: true, kv: "fp8")
    let model = try PerfModel(config: config, shape: shape)
    let work = decodeWork(batch: 256 * 48, context: 2050)
    print("DEBUG", model.cost(work), model.kvCapacityTokens, model.weightBytesPerGPU / 1e9)
}
