/// A point of the agentic-coding scenario measured as InferenceX aggregates it
/// (`utils/agentic/aggregation/request_metrics.py`), over the profiling phase's successful requests
/// only (warmups and failures excluded). Latencies in seconds.
public struct AgenticMetrics: Sendable, Codable, Equatable {
    public var requests: Int
    public var ttft: TailStatistics?
    public var e2el: TailStatistics?
    /// Per-request inter-token latency, (E2EL − TTFT) / (N − 1): AIPerf's `inter_token_latency`,
    /// which InferenceX reports as both ITL and TPOT.
    public var itl: TailStatistics?
    /// Tokens per second per user from `itl`, statistic by statistic (1 / p90 ITL is `p90`).
    public var interactivity: TailStatistics?
    /// 1 / statistic(E2EL / N): the user's output rate including the wait for the first token.
    public var e2eNormalizedInteractivity: TailStatistics?
    /// Completions per one-second window, windows from the first completion while a whole one fits;
    /// nil when the completions span less than one window.
    public var qps: TailStatistics?
    /// The windows' mean, else (no whole window) completions over their span, as InferenceX falls back.
    public var meanQPS: Double?
    /// Prompt tokens, cached ones included (what the client sent).
    public var inputTokens: Int
    public var outputTokens: Int
    /// First start to last end of the counted requests.
    public var durationSeconds: Double
    /// Share of prompt tokens a perfect prefix cache would have served, from the traces.
    public var theoreticalCacheHitRate: Double?

    public var inputThroughput: Double { durationSeconds > 0 ? Double(inputTokens) / durationSeconds : 0 }
    public var outputThroughput: Double { durationSeconds > 0 ? Double(outputTokens) / durationSeconds : 0 }
    public var totalThroughput: Double { inputThroughput + outputThroughput }

    /// `theoreticalCachedTokens`: of the counted requests' prompt tokens, those already seen earlier in
    /// the same trace (nil when the workload has no traces).
    public init(records: [RequestRecord], theoreticalCachedTokens: Int? = nil) {
        let counted = records.filter(\.succeeded)
        requests = counted.count
        let summaries = counted.map(RequestSummary.init)
        ttft = TailStatistics(summaries.compactMap(\.ttft).filter { $0 > 0 })
        e2el = TailStatistics(summaries.compactMap(\.e2el).filter { $0 > 0 })
        let itls = summaries.compactMap(\.tpot).filter { $0 > 0 }
        itl = TailStatistics(itls)
        interactivity = TailStatistics.rates(from: itls)
        let perToken = zip(counted, summaries).compactMap { record, summary -> Double? in
            guard let e2el = summary.e2el, e2el > 0, record.outputTokens > 0 else { return nil }
            return e2el / Double(record.outputTokens)
        }
        e2eNormalizedInteractivity = TailStatistics.rates(from: perToken)
        let ends = counted.map(\.end).sorted()
        qps = Self.completionsPerSecond(ends)
        if let qps {
            meanQPS = qps.mean
        } else if let first = ends.first, let last = ends.last, ends.count >= 2, last > first {
            meanQPS = Double(ends.count) / (Double(last - first) / 1e9)
        }
        inputTokens = counted.reduce(0) { $0.addingSaturated($1.promptTokens) }
        outputTokens = counted.reduce(0) { $0.addingSaturated($1.outputTokens) }
        if let first = counted.map(\.start).min(), let last = counted.map(\.end).max(), last > first {
            durationSeconds = Double(last - first) / 1e9
        } else {
            durationSeconds = 0
        }
        theoreticalCacheHitRate = theoreticalCachedTokens.flatMap { cached in
            inputTokens > 0 ? Double(cached) / Double(inputTokens) : nil
        }
    }

    /// One-second windows [t, t + 1) from the first completion while t + 1 ≤ the last, over sorted ends.
    static func completionsPerSecond(_ sorted: [Int64]) -> TailStatistics? {
        guard let first = sorted.first, let last = sorted.last, sorted.count >= 2, last > first else { return nil }
        let window: Int64 = 1_000_000_000
        var counts: [Double] = []
        var windowStart = first, index = 0
        while windowStart <= last - window {
            while index < sorted.count, sorted[index] < windowStart { index += 1 }
            var end = index
            while end < sorted.count, sorted[end] < windowStart + window { end += 1 }
            counts.append(Double(end - index))
            windowStart += window
        }
        return TailStatistics(counts)
    }
}
