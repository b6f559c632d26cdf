import Foundation
import Metrics

/// Whether a run moved a metric's time series beyond its noise (the regression gate, on values read
/// off frontiers at fixed interactivity). The newest value is compared with the median of a
/// baseline window of earlier runs; the noise is the larger of the window's MAD (as a standard
/// deviation, × 1.4826), the runs' own repeat spread, and a relative floor. A change must pass
/// both a relative threshold and a z threshold. One violation is "suspect"; two consecutive
/// violations the same way are a "regression" (or "improvement").
public struct RegressionGate: Sendable {
    public enum Verdict: String, Sendable, Equatable {
        case insufficientHistory = "insufficient-history"
        case normal
        case suspect
        case regression
        case improvement
    }

    public struct Result: Sendable, Equatable {
        public var verdict: Verdict
        /// (new − baseline median) / baseline median.
        public var relativeChange: Double
        public var z: Double
        public var baseline: Double
    }

    /// Earlier runs the baseline uses (the most recent ones).
    public var window = 8
    /// Fewest earlier runs before anything is judged.
    public var minimumHistory = 3
    /// Smallest relative change that counts.
    public var relativeThreshold = 0.05
    public var zThreshold = 3.0
    /// Noise never assumed below this share of the baseline.
    public var relativeNoiseFloor = 0.01
    public var better: Direction = .higher

    public init() {}

    /// The verdict on the last value of `values` (oldest first). `repeatSpread`: the standard
    /// deviation across a run's repeats, when repeats were run.
    public func judge(_ values: [Double], repeatSpread: Double? = nil) -> Result {
        guard values.count - 1 >= minimumHistory else {
            return Result(verdict: .insufficientHistory, relativeChange: 0, z: 0, baseline: values.last ?? .nan)
        }
        let current = violation(values, repeatSpread: repeatSpread)
        guard current.direction != 0 else {
            return Result(verdict: .normal, relativeChange: current.change, z: current.z, baseline: current.baseline)
        }
        // The run before, judged against its own baseline: two in a row make it a regression.
        let previous = values.count - 2 >= minimumHistory ? violation(Array(values.dropLast()), repeatSpread: repeatSpread).direction : 0
        let confirmed = previous == current.direction
        let worse = (current.direction < 0) == (better == .higher)
        let verdict: Verdict = confirmed ? (worse ? .regression : .improvement) : .suspect
        return Result(verdict: verdict, relativeChange: current.change, z: current.z, baseline: current.baseline)
    }

    /// +1 / −1 when the last value is above / below its baseline beyond the noise, else 0.
    func violation(_ values: [Double], repeatSpread: Double?) -> (direction: Int, change: Double, z: Double, baseline: Double) {
        let history = Array(values.dropLast().suffix(window))
        let baseline = Distribution.median(history) ?? .nan
        let mad = (Distribution.median(history.map { abs($0 - baseline) }) ?? .nan) * 1.4826
        let noise = max(mad, repeatSpread ?? 0, abs(baseline) * relativeNoiseFloor, .leastNonzeroMagnitude)
        let latest = values[values.count - 1]
        let change = baseline == 0 ? 0 : (latest - baseline) / abs(baseline)
        let z = (latest - baseline) / noise
        guard abs(change) >= relativeThreshold, abs(z) >= zThreshold else { return (0, change, z, baseline) }
        return (latest > baseline ? 1 : -1, change, z, baseline)
    }
}

/// Where a series shifted, found after the fact: binary segmentation with a two-mean step fit
/// (as asv's step detection does in spirit). A split is kept when it explains enough of the
/// variance (an F-like ratio above `minimumRatio`) and moves the mean by at least
/// `minimumRelativeShift`; each kept split names the first index of its new level.
public enum ChangePoints {
    public static func find(
        _ values: [Double], minimumSegment: Int = 2, minimumRatio: Double = 20,
        minimumRelativeShift: Double = 0.05
    ) -> [Int] {
        var found: [Int] = []
        split(
            values[...], offset: 0, minimumSegment: minimumSegment, minimumRatio: minimumRatio,
            minimumRelativeShift: minimumRelativeShift, into: &found)
        return found.sorted()
    }

    private static func split(
        _ values: ArraySlice<Double>, offset: Int, minimumSegment: Int, minimumRatio: Double,
        minimumRelativeShift: Double, into found: inout [Int]
    ) {
        let n = values.count
        guard n >= 2 * minimumSegment else { return }
        let array = Array(values)
        let total = sse(array[...])
        var best: (index: Int, sse: Double)?
        for k in minimumSegment...(n - minimumSegment) {
            let cost = sse(array[..<k]) + sse(array[k...])
            if best == nil || cost < best!.sse { best = (k, cost) }
        }
        guard let best else { return }
        let left = mean(array[..<best.index]), right = mean(array[best.index...])
        let residual = best.sse / Double(max(1, n - 2))
        let ratio = residual > 0 ? (total - best.sse) / residual : .infinity
        guard ratio >= minimumRatio, abs(right - left) >= abs(left) * minimumRelativeShift else { return }
        found.append(offset + best.index)
        split(
            values.prefix(best.index), offset: offset, minimumSegment: minimumSegment, minimumRatio: minimumRatio,
            minimumRelativeShift: minimumRelativeShift, into: &found)
        split(
            values.dropFirst(best.index), offset: offset + best.index, minimumSegment: minimumSegment, minimumRatio: minimumRatio,
            minimumRelativeShift: minimumRelativeShift, into: &found)
    }

    static func mean(_ values: ArraySlice<Double>) -> Double { values.reduce(0, +) / Double(values.count) }

    static func sse(_ values: ArraySlice<Double>) -> Double {
        let m = mean(values)
        return values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
    }
}
