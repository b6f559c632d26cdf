/// Summary statistics of one metric over a point, in the metric's own unit. Computed from samples
/// every statistic is there; read from another tool's file only those it reported are (an older vLLM
/// file has a median and a p99, nothing else), because a missing statistic is never made up.
public struct Distribution: Sendable, Codable, Equatable {
    public var count: Int
    public var mean: Double?
    public var median: Double
    /// Population standard deviation (numpy's default, as vLLM's benchmark reports).
    public var std: Double?
    public var p90: Double?
    public var p99: Double?
    public var p999: Double?

    /// A distribution reported by another tool (no raw samples; statistics it lacks stay nil).
    public init(count: Int, mean: Double?, median: Double, std: Double?, p90: Double?, p99: Double?, p999: Double?) {
        self.count = count
        self.mean = mean
        self.median = median
        self.std = std
        self.p90 = p90
        self.p99 = p99
        self.p999 = p999
    }

    /// nil for no values: an empty point has no latency, not a latency of zero.
    public init?(_ values: [Double]) {
        self.init(WeightedSamples(values))
    }

    /// The median of `values` in any order (the mean of the middle two for an even count); nil for
    /// none. Every median bench reports goes through here.
    public static func median(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : percentile(values.sorted(), 50)
    }

    /// Linear interpolation between closest ranks (numpy's default method), on sorted values.
    public static func percentile(_ sorted: [Double], _ percent: Double) -> Double {
        percentile(percent, count: sorted.count) { sorted[$0] }
    }

    /// The same over any list of `count` values given the value at each 0-based rank.
    static func percentile(_ percent: Double, count: Int, valueAtRank: (Int) -> Double) -> Double {
        let position = percent / 100 * Double(count - 1)
        let lower = Int(position.rounded(.down)), upper = Int(position.rounded(.up))
        let low = valueAtRank(lower), high = valueAtRank(upper)
        return low + (high - low) * (position - Double(lower))
    }
}
