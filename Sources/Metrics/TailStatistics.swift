/// The six statistics InferenceX's agentic aggregation reports for every metric: mean, p50, p75,
/// p90, p95 and the population standard deviation, percentiles by linear interpolation between
/// closest ranks (`utils/agentic/aggregation/aggregation_common.py`).
public struct TailStatistics: Sendable, Codable, Equatable {
    public var mean: Double
    public var p50: Double
    public var p75: Double
    public var p90: Double
    public var p95: Double
    public var std: Double

    public init(mean: Double, p50: Double, p75: Double, p90: Double, p95: Double, std: Double) {
        (self.mean, self.p50, self.p75, self.p90, self.p95, self.std) = (mean, p50, p75, p90, p95, std)
    }

    /// nil for no values; non-finite values are dropped first.
    public init?(_ values: [Double]) {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return nil }
        let mean = sorted.reduce(0, +) / Double(sorted.count)
        let variance = sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(sorted.count)
        self.init(
            mean: mean, p50: Distribution.percentile(sorted, 50), p75: Distribution.percentile(sorted, 75),
            p90: Distribution.percentile(sorted, 90), p95: Distribution.percentile(sorted, 95), std: variance.squareRoot())
    }

    /// A rate from a latency, statistic by statistic: 1 / mean, 1 / p50, … (so p90 of the rate is the
    /// slow tail, 1 / p90 latency, as InferenceX reads it); the std is that of the per-sample rates,
    /// since 1 / std means nothing. nil when a latency statistic is not positive.
    public static func rates(from latencies: [Double]) -> TailStatistics? {
        let positive = latencies.filter { $0 > 0 && $0.isFinite }
        guard let latency = TailStatistics(positive), latency.mean > 0, latency.p50 > 0 else { return nil }
        let perSample = TailStatistics(positive.map { 1 / $0 })
        return TailStatistics(
            mean: 1 / latency.mean, p50: 1 / latency.p50, p75: 1 / latency.p75, p90: 1 / latency.p90,
            p95: 1 / latency.p95, std: positive.count > 1 ? perSample?.std ?? 0 : 0)
    }
}
