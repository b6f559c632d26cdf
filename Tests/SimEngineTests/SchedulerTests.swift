import Testing
@testable import SimEngine

@Suite struct SchedulerTests {
    /// A deployment whose KV cache holds only a few long requests, so admission has to queue.
    func tightConfig() throws -> SimConfig {
        try simConfig("h200", model: "llama70b", precision: "fp8", tp: 1) { config in
            config.efficiency.memoryReserveGB = 141 * 0.9 - 70.6 - 2  // leaves ~2 GB: ~6k tokens of BF16 KV
        }
    }

    @Test func kvCapacityIsNeverExceededAndRequestsQueue() throws {
        var cluster = try SimCluster(config: tightConfig(), seed: 7)
        for id in 0..<40 {
            cluster.submit(SimRequest(id: id, arrival: Int64(id) * 1000, promptTokens: 1000, outputTokens: 200))
        }
        var emissions: [TokenEmission] = []
        var sawWaiting = false
        var finished = 0
        while let time = cluster.nextEventTime {
            cluster.advance(until: time, into: &emissions)
            let stats = cluster.statistics
            #expect(stats.kvUsedTokens <= stats.kvCapacityTokens)
            if stats.waiting > 0 && stats.kvUsedTokens > 0 { sawWaiting = true }
        }
        finished = emissions.filter(\.finished).count
        #expect(sawWaiting)
        #expect(finished == 40)
        #expect(cluster.statistics.running == 0 && cluster.statistics.kvUsedTokens == 0)
    }

    @Test func admissionIsFIFO() throws {
        var clock = VirtualClock(cluster: try SimCluster(config: tightConfig(), seed: 7))
        let requests = (0..<30).map { SimRequest(id: $0, arrival: Int64($0) * 10, promptTokens: 900 + ($0 % 3) * 50, outputTokens: 100) }
        let timelines = clock.run(requests)
        let firstTokens = timelines.map { $0.firstTokenTime! }
        #expect(firstTokens == firstTokens.sorted())
    }

    @Test func noTokenBeforeItsPrefill() throws {
        let config = try simConfig()
        let model = try PerfModel(config: config, shape: WorkerShape(tp: 8))
        let timelines = try closedLoop(config, isl: 4096, osl: 64, concurrency: 16, requests: 64)
        for timeline in timelines {
            var alone = StepWork()
            alone.addPrefillChunk(start: 0, length: min(timeline.promptTokens, config.chunkedPrefillSize))
            let minimum = Int64(model.stepSeconds(alone) * 1e9)
            #expect(timeline.firstTokenTime! - timeline.arrival >= minimum)
            #expect(timeline.tokenTimes == timeline.tokenTimes.sorted())
            #expect(timeline.tokenTimes.count == timeline.outputTokens)
        }
    }

    @Test func longPromptsArePrefilledInChunks() throws {
        let config = try simConfig { $0.chunkedPrefillSize = 2048 }
        let timelines = try closedLoop(config, isl: 16384, osl: 8, concurrency: 1, requests: 1)
        var cluster = try SimCluster(config: config, seed: 1)
        cluster.submit(SimRequest(id: 0, arrival: 0, promptTokens: 16384, outputTokens: 8))
        var emissions: [TokenEmission] = []
        while let time = cluster.nextEventTime { cluster.advance(until: time, into: &emissions) }
        // 8 prefill chunks of 2,048, then 7 decode steps.
        #expect(cluster.statistics.steps == 8 + 7)
        #expect(timelines[0].tokenTimes.count == 8)
    }

    @Test func speculativeDecodingEmitsAboutTheAcceptanceLengthPerStep() throws {
        let config = try simConfig { $0.speculative = SpeculativeDecoding(acceptanceLength: 2.5) }
        var cluster = try SimCluster(config: config, seed: 3)
        cluster.submit(SimRequest(id: 0, arrival: 0, promptTokens: 128, outputTokens: 2001))
        var emissions: [TokenEmission] = []
        while let time = cluster.nextEventTime { cluster.advance(until: time, into: &emissions) }
        let decodeSteps = emissions.count - 1
        let perStep = Double(2000) / Double(decodeSteps)
        #expect(perStep > 2.35 && perStep < 2.65)
        #expect(emissions.reduce(0) { $0 + $1.tokens } == 2001)
    }

    @Test func disaggregatedServingChargesTheTransferAndUsesBothPools() throws {
        let prefill = WorkerPool(workers: 2, shape: WorkerShape(tp: 4, ep: 4, dpAttention: true))
        let decode = WorkerPool(workers: 1, shape: WorkerShape(tp: 8, ep: 8, dpAttention: true))
        let config = try simConfig("gb200", precision: "fp4") { $0.topology = .disaggregated(prefill: prefill, decode: decode) }
        let timelines = try closedLoop(config, isl: 2048, osl: 32, concurrency: 8, requests: 32)
        #expect(timelines.allSatisfy { $0.tokenTimes.count == 32 })
        let aggregated = try closedLoop(simConfig("gb200", precision: "fp4", tp: 8, ep: 8, dpAttention: true),
                                        isl: 2048, osl: 32, concurrency: 8, requests: 32)
        #expect(timelines.count == aggregated.count)
    }

    @Test func cancelledRequestsStopEmittingAndFreeTheirCache() throws {
        var cluster = try SimCluster(config: simConfig(), seed: 1)
        cluster.submit(SimRequest(id: 0, arrival: 0, promptTokens: 256, outputTokens: 1000))
        var emissions: [TokenEmission] = []
        while emissions.count < 5, let time = cluster.nextEventTime { cluster.advance(until: time, into: &emissions) }
        cluster.cancel(requestID: 0)
        let before = emissions.count
        while let time = cluster.nextEventTime { cluster.advance(until: time, into: &emissions) }
        #expect(emissions.count == before)
        #expect(cluster.statistics.kvUsedTokens == 0)
    }

    @Test func sameSeedSameTimelines() throws {
        let config = try simConfig { $0.speculative = SpeculativeDecoding(acceptanceLength: 1.7) }
        let a = try closedLoop(config, isl: 512, osl: 128, concurrency: 32, requests: 100, seed: 9)
        let b = try closedLoop(config, isl: 512, osl: 128, concurrency: 32, requests: 100, seed: 9)
        let c = try closedLoop(config, isl: 512, osl: 128, concurrency: 32, requests: 100, seed: 10)
        #expect(a == b)
        #expect(a != c)
    }
}
