import Testing

@testable import Metrics

private let second: Int64 = 1_000_000_000

/// A request starting at `start` seconds with one token per event at the given seconds.
private func request(_ index: Int, start: Double, tokensAt times: [Double], prompt: Int, failed: Bool = false) -> RequestRecord {
    let events = times.map { RequestRecord.TokenEvent(time: Int64($0 * Double(second)), tokens: 1) }
    return RequestRecord(
        index: index, start: Int64(start * Double(second)), end: events.last?.time ?? Int64(start * Double(second)),
        promptTokens: prompt, requestedOutputTokens: max(times.count, 1), events: failed ? [] : events,
        error: failed ? RequestError(.http, "503") : nil)
}

private func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-6) -> Bool {
    guard let a else { return false }
    return abs(a - b) < tolerance
}

/// Values worked out by hand from InferenceX's `request_metrics.py` formulas.
@Suite struct AgenticMetricsTests {
    // TTFT 2, 0.5, 0.25 s; per-request ITL 0.5, 0.5, 0.25 s; E2EL/N 1.0, 0.5, 0.25 s; a failure ignored.
    let records = [
        request(0, start: 0, tokensAt: [2, 2.5, 3], prompt: 100),
        request(1, start: 0.5, tokensAt: [1, 1.5], prompt: 200),
        request(2, start: 1, tokensAt: [1.25, 1.5, 1.75, 2, 2.25], prompt: 300),
        request(3, start: 0, tokensAt: [9], prompt: 400, failed: true),
    ]

    @Test func latencyStatisticsUseLinearPercentilesAndPopulationStd() throws {
        let metrics = AgenticMetrics(records: records)
        #expect(metrics.requests == 3)
        let ttft = try #require(metrics.ttft)
        #expect(close(ttft.mean, 0.916667) && close(ttft.p50, 0.5) && close(ttft.p75, 1.25))
        #expect(close(ttft.p90, 1.7) && close(ttft.p95, 1.85))
        let itl = try #require(metrics.itl)
        #expect(close(itl.mean, 0.416667) && close(itl.p50, 0.5) && close(itl.p90, 0.5) && close(itl.std, 0.117851))
    }

    @Test func interactivityIsTheInverseOfEachStatistic() throws {
        let metrics = AgenticMetrics(records: records)
        let interactivity = try #require(metrics.interactivity)
        #expect(close(interactivity.mean, 2.4) && close(interactivity.p50, 2) && close(interactivity.p90, 2))
        // The std is that of the per-request rates 2, 2, 4.
        #expect(close(interactivity.std, 0.942809))
        let normalized = try #require(metrics.e2eNormalizedInteractivity)
        #expect(close(normalized.mean, 1 / 0.583333, 1e-5) && close(normalized.p50, 2))
        #expect(close(normalized.p75, 1 / 0.75) && close(normalized.p90, 1 / 0.9) && close(normalized.p95, 1 / 0.95))
        #expect(close(normalized.std, 1.247219))
    }

    @Test func throughputCountsEveryPromptTokenOverFirstStartToLastEnd() {
        let metrics = AgenticMetrics(records: records, theoreticalCachedTokens: 300)
        #expect(metrics.inputTokens == 600 && metrics.outputTokens == 10)
        #expect(close(metrics.durationSeconds, 3))
        #expect(close(metrics.inputThroughput, 200) && close(metrics.outputThroughput, 10.0 / 3))
        #expect(close(metrics.theoreticalCacheHitRate, 0.5))
    }

    @Test func qpsCountsCompletionsInWholeOneSecondWindows() throws {
        // Ends 1.5, 2.25, 3.0: one window [1.5, 2.5) holding two.
        let metrics = AgenticMetrics(records: records)
        let qps = try #require(metrics.qps)
        #expect(qps.mean == 2 && qps.p95 == 2 && qps.std == 0)
        #expect(metrics.meanQPS == 2)
        // Ends 0.2 s apart: no whole window, so only the mean over the span (2 / 0.2 s).
        let short = AgenticMetrics(records: [
            request(0, start: 0, tokensAt: [0.1], prompt: 1), request(1, start: 0, tokensAt: [0.3], prompt: 1),
        ])
        #expect(short.qps == nil && close(short.meanQPS, 10))
    }

    @Test func ratesOfNonPositiveLatenciesAreAbsent() {
        #expect(TailStatistics.rates(from: [0, -1]) == nil)
        #expect(AgenticMetrics(records: []).interactivity == nil)
    }
}
