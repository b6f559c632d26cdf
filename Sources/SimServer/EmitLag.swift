/// How late token events were written relative to their scheduled time: the server's own
/// measure of real-time fidelity, for `/metrics` and `bench perf sim-server`. Kept in 10 µs
/// buckets up to 100 ms, so quantiles are exact to 10 µs and two snapshots subtract.
public struct EmitLag: Sendable, Equatable {
    public static let bucketNanoseconds: Int64 = 10_000
    static let buckets = 10_000
    /// Coarse bounds for the Prometheus histogram, in seconds (multiples of the bucket width).
    static let prometheusBounds: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05]

    /// counts[i]: events late by [i, i+1) buckets; the last entry holds everything later.
    private var counts = [Int](repeating: 0, count: buckets + 1)
    public private(set) var total = 0
    public private(set) var sumSeconds = 0.0

    public init() {}

    mutating func record(nanoseconds: Int64) {
        let late = max(0, nanoseconds)
        counts[Int(min(late / Self.bucketNanoseconds, Int64(Self.buckets)))] += 1
        total += 1
        sumSeconds += Double(late) / 1e9
    }

    /// The lag that a share `q` of events did not exceed, in seconds (upper edge of its bucket);
    /// nil when nothing was recorded or it is beyond the last bucket.
    public func quantile(_ q: Double) -> Double? {
        guard total > 0 else { return nil }
        let rank = Int((q * Double(total)).rounded(.up))
        var seen = 0
        for (index, count) in counts.enumerated() {
            seen += count
            if seen >= max(rank, 1) {
                return index == Self.buckets ? nil : Double(Int64(index + 1) * Self.bucketNanoseconds) / 1e9
            }
        }
        return nil
    }

    /// Events recorded since `earlier`, a snapshot of this same histogram.
    public func since(_ earlier: EmitLag) -> EmitLag {
        var result = self
        for index in counts.indices { result.counts[index] -= earlier.counts[index] }
        result.total -= earlier.total
        result.sumSeconds -= earlier.sumSeconds
        return result
    }

    /// Cumulative counts at each Prometheus bound, then the overall total (the +Inf bucket).
    func cumulativeCounts() -> [Int] {
        var result: [Int] = []
        var seen = 0, index = 0
        for bound in Self.prometheusBounds {
            let end = Int((bound * 1e9).rounded()) / Int(Self.bucketNanoseconds)
            while index < end {
                seen += counts[index]
                index += 1
            }
            result.append(seen)
        }
        return result + [total]
    }
}
