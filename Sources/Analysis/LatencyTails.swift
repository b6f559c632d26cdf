/// A point's latency statistics beyond the medians (seconds): the tails the dashboard's
/// percentile switch puts on x (InferenceX's `p90_intvty`, `p99_intvty` are 1 / p90, p99 TPOT)
/// and the TTFT statistics its cap filters on. nil where the point's source did not report one.
public struct LatencyTails: Sendable, Equatable {
    public var tpotP90: Double?
    public var tpotP99: Double?
    public var e2elP90: Double?
    public var e2elP99: Double?
    public var ttftMedian: Double?
    public var ttftP90: Double?
    public var ttftP99: Double?

    public init(
        tpotP90: Double? = nil, tpotP99: Double? = nil, e2elP90: Double? = nil, e2elP99: Double? = nil,
        ttftMedian: Double? = nil, ttftP90: Double? = nil, ttftP99: Double? = nil
    ) {
        self.tpotP90 = tpotP90
        self.tpotP99 = tpotP99
        self.e2elP90 = e2elP90
        self.e2elP99 = e2elP99
        self.ttftMedian = ttftMedian
        self.ttftP90 = ttftP90
        self.ttftP99 = ttftP99
    }
}

/// The TTFT statistic a cap is set on ("p90 TTFT ≤ 2 s").
public enum TTFTStatistic: String, Sendable, CaseIterable {
    case median = "ttft-p50"
    case p90 = "ttft-p90"
    case p99 = "ttft-p99"

    public func value(_ point: AnalysisPoint) -> Double? {
        switch self {
        case .median: point.tails.ttftMedian
        case .p90: point.tails.ttftP90
        case .p99: point.tails.ttftP99
        }
    }
}
