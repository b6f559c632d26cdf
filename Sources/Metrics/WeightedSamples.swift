/// Values with how many times each occurs. The simulator's tokens share their step's time, so a
/// point of millions of tokens has only as many distinct gaps as steps: its inter-token latencies
/// are summarised from (gap, tokens) pairs instead of one array entry per token.
public struct WeightedSamples: Sendable, Equatable {
    public private(set) var values: [Double] = []
    /// nil: every value once (measured requests).
    public private(set) var weights: [Int]?

    public init() {}

    /// Each value once.
    public init(_ values: [Double]) {
        self.values = values
    }

    public mutating func append(_ value: Double, weight: Int) {
        guard weight > 0 else { return }
        if weights == nil { weights = [Int](repeating: 1, count: values.count) }
        values.append(value)
        weights!.append(weight)
    }

    public var isEmpty: Bool { values.isEmpty }

    /// Sum of the weights: the number of samples they stand for.
    public var count: Int { weights.map { $0.reduce(0) { $0.addingSaturated($1) } } ?? values.count }

    /// (value, weight) ascending by value.
    func sorted() -> [(value: Double, weight: Int)] {
        guard let weights else { return values.sorted().map { ($0, 1) } }
        return zip(values, weights).map { ($0, $1) }.sorted { $0.value < $1.value }
    }
}

extension Distribution {
    /// The statistics of weighted samples: exactly those of the expanded list (a value of weight w
    /// counted w times), without expanding it. nil for no samples.
    public init?(_ samples: WeightedSamples) {
        let sorted = samples.sorted()
        let total = sorted.reduce(0) { $0.addingSaturated($1.weight) }
        guard total > 0 else { return nil }
        let n = Double(total)
        let center = sorted.reduce(0) { $0 + $1.value * Double($1.weight) } / n
        let spread = sorted.reduce(0) { $0 + ($1.value - center) * ($1.value - center) * Double($1.weight) } / n
        let ranks = WeightedRanks(sorted)
        self.init(
            count: total, mean: center, median: ranks.percentile(50, of: total), std: spread.squareRoot(),
            p90: ranks.percentile(90, of: total), p99: ranks.percentile(99, of: total), p999: ranks.percentile(99.9, of: total))
    }
}

/// Rank lookups over sorted weighted values: the value at 0-based rank r of the expanded list.
private struct WeightedRanks {
    let values: [Double]
    /// Cumulative weights: entry i holds the ranks below cumulative[i].
    let cumulative: [Int]

    init(_ sorted: [(value: Double, weight: Int)]) {
        values = sorted.map(\.value)
        var running = 0
        cumulative = sorted.map {
            running = running.addingSaturated($0.weight); return running
        }
    }

    func value(atRank rank: Int) -> Double {
        // First entry whose cumulative weight exceeds the rank.
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > rank { high = middle } else { low = middle + 1 }
        }
        return values[low]
    }

    func percentile(_ percent: Double, of total: Int) -> Double {
        Distribution.percentile(percent, count: total, valueAtRank: value(atRank:))
    }
}
