import Testing

@testable import SimEngine

@Suite struct SchedulerTests {
    /// A deployment whose KV cache holds only a few long requests, so admission has to queue.
    func tightConfig() throws -> SimConfig {
        var config = try simConfig("h200", model: "llama70b", precision: "fp8", tp: 1)
        // A static fraction that leaves ~2 GB beside the weights: ~6k tokens of BF16 KV.
        let weights = try PerfModel(config: config, shape: WorkerShape(tp: 1)).weightBytesPerGPU
        config.engineMemory = EngineMemory(accounting: .staticFraction, fraction: (weights + 2e9) / config.hardware.memoryBytes)
        return config
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

    /// Two prompts at once on two prefill workers (TP4 EP4) and one decode worker (TP8 EP8): each is
    /// prefilled alone on its own prefill worker, its KV then crosses NVLink (every prefill rank
    /// sends its share) before the first token streams, and decode steps take the decode shape's time.
    @Test func disaggregatedServingChargesTheTransferAndUsesBothPools() throws {
        let prefillShape = WorkerShape(tp: 4, ep: 4, dpAttention: true), decodeShape = WorkerShape(tp: 8, ep: 8, dpAttention: true)
        let config = try simConfig("gb200", precision: "fp4") {
            $0.topology = .disaggregated(prefill: WorkerPool(workers: 2, shape: prefillShape), decode: WorkerPool(workers: 1, shape: decodeShape))
        }
        var clock = VirtualClock(cluster: try SimCluster(config: config, seed: 1))
        let timelines = clock.run([0, 1].map { SimRequest(id: $0, arrival: 0, promptTokens: 2048, outputTokens: 4) })

        let prefillModel = try PerfModel(config: config, shape: prefillShape), decodeModel = try PerfModel(config: config, shape: decodeShape)
        var alone = StepWork(attentionWindow: prefillModel.attentionWindow)
        alone.addPrefillChunk(start: 0, length: 2048)
        var together = alone
        together.addPrefillChunk(start: 0, length: 2048)
        let prefill = prefillModel.stepSeconds(alone)
        #expect(prefillModel.stepSeconds(together) > 1.2 * prefill, "one prefill worker for both would take visibly longer")
        // The transfer from the catalog's figures: 2,048 tokens of BF16 KV over GB200's NVLink (all 16
        // GPUs are in one NVL72 domain) at the link efficiency, from 4 sending GPUs, after the all-to-all latency.
        let bytes = 2048 * Double(config.model.kvBytesPerToken.bf16)
        let transfer = config.efficiency.allToAllLatencyUs / 1e6 + bytes / (config.hardware.scaleUpGBps * config.efficiency.link * 1e9 * 4)
        #expect(transfer > 1e-6, "~80 µs: small beside the prefill, far beyond the check's 10 ns tolerance")

        var decode = StepWork(attentionWindow: decodeModel.attentionWindow)
        for _ in 0..<2 { decode.addDecodingSequence(context: 2048 + 1) }
        let decodeStep = decodeModel.stepSeconds(decode)
        #expect(abs(prefillModel.stepSeconds(decode) - decodeStep) > 1e-6, "the two shapes' decode steps can be told apart")
        #expect(timelines.count == 2)
        for timeline in timelines {
            let times = timeline.tokenTimes.map { Double($0) / 1e9 }
            #expect(times.count == 4)
            // Nanosecond truncations aside (one per step and transfer).
            #expect(abs(times[0] - (prefill + transfer)) < 1e-8, "first token \(times[0]) s; prefill \(prefill) + transfer \(transfer)")
            #expect(abs(times[1] - times[0] - decodeStep) < 1e-8, "first decode step \(times[1] - times[0]) s; decode shape \(decodeStep)")
        }
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
