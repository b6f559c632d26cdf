import Testing

@testable import SimEngine

/// A disaggregated deployment promises a request its decode slot before prefill, as Dynamo and
/// SGLang's PD router do: with every slot taken, a request waits before its first token, never
/// between its first and second.
@Suite struct DecodeSlotTests {
    /// One prefill and one decode worker of Llama-70B on H200, the decode worker holding `slots` sequences.
    func config(slots: Int) throws -> SimConfig {
        try simConfig("h200", model: "llama70b", precision: "fp8") {
            let shape = WorkerShape(tp: 2)
            $0.topology = .disaggregated(prefill: WorkerPool(workers: 1, shape: shape), decode: WorkerPool(workers: 1, shape: shape))
            $0.decodeMaxRunningRequests = slots
        }
    }

    @Test func aRequestWaitsForItsDecodeSlotBeforeItsPrefill() throws {
        var clock = VirtualClock(cluster: try SimCluster(config: config(slots: 2), seed: 1))
        let timelines = clock.run((0..<4).map { SimRequest(id: $0, arrival: 0, promptTokens: 256, outputTokens: 32) })
        let spans = timelines.map { Double($0.tokenTimes.last! - $0.tokenTimes.first!) }
        // Two decode alone, then the other two: every request's decode takes about as long.
        #expect(spans.max()! < 1.1 * spans.min()!, "first-to-last token spans \(spans)")
        let firstPairDone = timelines[0...1].map { $0.tokenTimes.last! }.min()!
        #expect(timelines[2...3].allSatisfy { $0.firstTokenTime! > firstPairDone })
        let ttfts = timelines.map { $0.firstTokenTime! - $0.arrival }
        #expect(ttfts[2] > 2 * ttfts[0], "the wait is in TTFT: \(ttfts)")
    }

    /// Cancelling the request that holds the only slot, and one still waiting for it, lets the next one run.
    @Test func cancelledRequestsGiveBackTheirSlot() throws {
        var cluster = try SimCluster(config: config(slots: 1), seed: 1)
        for id in 0..<3 { cluster.submit(SimRequest(id: id, arrival: 0, promptTokens: 256, outputTokens: 64)) }
        var emissions: [TokenEmission] = []
        while !emissions.contains(where: { $0.requestID == 0 && $0.isFirst }), let time = cluster.nextEventTime {
            cluster.advance(until: time, into: &emissions)
        }
        #expect(cluster.statistics.waiting == 2, "requests 1 and 2 wait for the slot")
        cluster.cancel(requestID: 1)
        cluster.cancel(requestID: 0)
        while let time = cluster.nextEventTime { cluster.advance(until: time, into: &emissions) }
        let tokens = { (id: Int) in emissions.filter { $0.requestID == id }.reduce(0) { $0 + $1.tokens } }
        #expect(tokens(1) == 0 && tokens(2) == 64, "request 1: \(tokens(1)) tokens, request 2: \(tokens(2))")
        #expect(cluster.statistics.waiting == 0 && cluster.statistics.kvUsedTokens == 0)
    }
}
