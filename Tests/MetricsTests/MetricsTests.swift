import Foundation
import Testing

@testable import Metrics

private let ms: Int64 = 1_000_000

/// A request that starts at `start` ms and gets events at the given ms offsets, one token each unless told.
private func record(
    _ index: Int, start: Int64, events: [(Int64, Int)], requested: Int? = nil, usage: Int? = nil,
    error: RequestError? = nil, prompt: Int = 100
) -> RequestRecord {
    let tokenEvents = events.map { RequestRecord.TokenEvent(time: (start + $0.0) * ms, tokens: $0.1) }
    let end = tokenEvents.last?.time ?? start * ms
    return RequestRecord(
        index: index, start: start * ms, end: end, promptTokens: prompt,
        requestedOutputTokens: requested ?? tokenEvents.reduce(0) { $0 + $1.tokens },
        events: tokenEvents, usageCompletionTokens: usage, error: error)
}

@Suite struct RequestRecordTests {
    @Test func latenciesFollowTheDefinitions() throws {
        // TTFT 100 ms; then events at 120 (2 tokens) and 150 (1 token): N = 4.
        let r = record(0, start: 0, events: [(100, 1), (120, 2), (150, 1)])
        #expect(r.ttft == 0.1)
        #expect(r.e2el == 0.15)
        #expect(r.outputTokens == 4 && r.outputCountSource == .events)
        #expect(abs(try #require(r.tpot) - 0.05 / 3) < 1e-12)
        // ITL per token: the 20 ms gap spread over its 2 tokens, then 30 ms for 1.
        #expect(r.interTokenLatencies.map { ($0 * 1e6).rounded() } == [10_000, 10_000, 30_000])
        #expect(r.interChunkLatencies.map { ($0 * 1e6).rounded() } == [20_000, 30_000])
    }

    @Test func usageWinsOverCountedEventsAndSingleTokenHasNoTPOT() {
        let r = record(0, start: 0, events: [(10, 1), (20, 1)], requested: 3, usage: 3)
        #expect(r.outputTokens == 3 && r.outputCountSource == .usage && r.eventTokens == 2)
        #expect(record(1, start: 0, events: [(10, 1)]).tpot == nil)
    }
}

@Suite struct DistributionTests {
    @Test func percentilesInterpolateLikeNumpy() throws {
        let d = try #require(Distribution((1...10).map(Double.init)))
        #expect(d.mean == 5.5 && d.median == 5.5)
        #expect(abs(d.p90! - 9.1) < 1e-12)  // numpy.percentile(range(1, 11), 90)
        #expect(abs(d.p99! - 9.91) < 1e-12)
        #expect(abs(d.std! - 2.8722813232690143) < 1e-12)
        #expect(Distribution([]) == nil)
        #expect(Distribution([7])?.p999 == 7)
    }
}

@Suite struct PointMetricsTests {
    @Test func throughputAndLatencyOverAPoint() throws {
        let records = [
            record(0, start: 0, events: [(100, 1), (200, 1), (300, 1)], prompt: 1000),
            record(1, start: 0, events: [(100, 1), (150, 1), (200, 1), (250, 1), (300, 1), (350, 1), (400, 1), (450, 1), (500, 1)], prompt: 1000),
            record(2, start: 50, events: [], requested: 5, error: RequestError(.http, "500")),
        ]
        let m = PointMetrics(records: records, concurrency: 2, gpus: 4)
        #expect(m.completed == 2 && m.failed == 1 && m.failuresByKind == [.http: 1])
        #expect(m.inputTokens == 2000 && m.outputTokens == 12)
        #expect(m.durationSeconds == 0.5)
        #expect(m.totalThroughput == 2012 / 0.5)
        #expect(m.totalThroughputPerGPU == 2012 / 0.5 / 4)
        #expect(m.outputThroughputPerGPU == 12 / 0.5 / 4)
        let tpot = try #require(m.tpot)
        #expect(tpot.median == (0.1 + 0.05) / 2)
        #expect(m.interactivity == 1 / tpot.median)
        #expect(m.ttft?.median == 0.1)
        #expect(m.itl?.count == 10)
        #expect(m.lengthMismatches == 0 && m.usageCounted == 0)

        // Disaggregated (2 prefill + 6 decode GPUs): input per prefill GPU, output per decode GPU, total per GPU.
        let disagg = PointMetrics(records: records, concurrency: 2, gpus: 8, pools: (prefill: 2, decode: 6))
        #expect(disagg.inputThroughputPerGPU == 2000 / 0.5 / 2)
        #expect(disagg.outputThroughputPerGPU == 12 / 0.5 / 6)
        #expect(disagg.totalThroughputPerGPU == 2012 / 0.5 / 8)
        // Stored metrics written before the pools existed still decode.
        let old = try JSONDecoder().decode(PointMetrics.self, from: try JSONEncoder().encode(m))
        #expect(old.prefillGPUs == nil && old.inputThroughputPerGPU == m.inputThroughputPerGPU)
    }

    @Test func steadyStateIsWhileEverySlotIsBusy() throws {
        // Two slots: busy together from 10 ms (second start) to 300 ms (first end).
        let records = [
            record(0, start: 0, events: [(100, 1), (300, 1)]),
            record(1, start: 10, events: [(90, 1), (190, 1), (490, 1)]),
        ]
        let window = try #require(SteadyState(records: records, concurrency: 2))
        #expect(window.start == 10 * ms && window.end == 300 * ms)
        // Events inside [10, 300] ms: 100, 300 (first) and 100, 200 (second) → 4 tokens in 0.29 s.
        #expect(abs(window.outputThroughput - 4 / 0.29) < 1e-9)
        #expect(SteadyState(records: records, concurrency: 3) == nil)
    }

    @Test func anEmptyPointHasNoLatenciesAndZeroThroughput() {
        let m = PointMetrics(records: [])
        #expect(m.completed == 0 && m.ttft == nil && m.interactivity == nil && m.totalThroughput == 0)
    }
}
