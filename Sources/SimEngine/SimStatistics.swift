/// The engine's gauges and counters, as `/metrics` exposes them.
public struct SimStatistics: Sendable, Equatable {
    public var running = 0
    public var waiting = 0
    public var kvUsedTokens = 0
    public var kvCapacityTokens = 0
    public var promptTokens = 0
    public var generationTokens = 0
    public var steps = 0
    public var stepSecondsSum = 0.0
    /// Counts per upper bound of `stepBuckets`, plus one for +Inf.
    public var stepBucketCounts = [Int](repeating: 0, count: SimStatistics.stepBuckets.count + 1)

    public static let stepBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    public var kvUsage: Double { kvCapacityTokens == 0 ? 0 : Double(kvUsedTokens) / Double(kvCapacityTokens) }

    mutating func recordStep(seconds: Double) {
        steps += 1
        stepSecondsSum += seconds
        let bucket = Self.stepBuckets.firstIndex { seconds <= $0 } ?? Self.stepBuckets.count
        stepBucketCounts[bucket] += 1
    }
}
