import Foundation
import Metrics

/// A frontier read between its knots: piecewise-linear in log–log space, which keeps it
/// monotone between knots and exact at them (throughput against interactivity is close to a
/// power law, so straight segments in log space bend the way the data does). No extrapolation:
/// outside the measured range the answer is nil.
public struct FrontierCurve: Sendable, Equatable {
    /// Knots in increasing x; all coordinates > 0.
    public let knots: [(x: Double, y: Double)]

    public static func == (a: FrontierCurve, b: FrontierCurve) -> Bool {
        a.knots.count == b.knots.count && zip(a.knots, b.knots).allSatisfy { $0.x == $1.x && $0.y == $1.y }
    }

    /// Knots with a non-positive coordinate are dropped (no logarithm); equal x keep the first.
    public init(points: [(x: Double, y: Double)]) {
        var knots: [(x: Double, y: Double)] = []
        for point in points.filter({ $0.x > 0 && $0.y > 0 }).sorted(by: { $0.x < $1.x }) where knots.last?.x != point.x {
            knots.append(point)
        }
        self.knots = knots
    }

    public var range: ClosedRange<Double>? {
        guard let first = knots.first, let last = knots.last else { return nil }
        return first.x...last.x
    }

    public func value(at x: Double) -> Double? {
        guard let range, range.contains(x) else { return nil }
        guard let upper = knots.firstIndex(where: { $0.x >= x }) else { return nil }
        if knots[upper].x == x || upper == 0 { return knots[upper].y }
        let (a, b) = (knots[upper - 1], knots[upper])
        let t = (log(x) - log(a.x)) / (log(b.x) - log(a.x))
        return exp(log(a.y) + t * (log(b.y) - log(a.y)))
    }
}

/// Two frontiers side by side: the ratio a/b at chosen x and over the x both cover.
public struct FrontierComparison: Sendable {
    public struct Ratio: Sendable, Equatable {
        public var x: Double
        public var a: Double?
        public var b: Double?
        public var ratio: Double? { a.flatMap { a in b.flatMap { $0 > 0 ? a / $0 : nil } } }
    }

    public var at: [Ratio]
    /// The x range both frontiers cover; nil when they do not overlap.
    public var overlap: ClosedRange<Double>?
    /// Of the ratio over `samples` log-spaced x in the overlap.
    public var minimum: Double?
    public var median: Double?
    public var maximum: Double?

    public init(a: FrontierCurve, b: FrontierCurve, at targets: [Double], samples: Int = 64) {
        at = targets.map { Ratio(x: $0, a: a.value(at: $0), b: b.value(at: $0)) }
        guard let ra = a.range, let rb = b.range, max(ra.lowerBound, rb.lowerBound) <= min(ra.upperBound, rb.upperBound) else { return }
        let low = max(ra.lowerBound, rb.lowerBound), high = min(ra.upperBound, rb.upperBound)
        overlap = low...high
        let count = low == high ? 1 : max(2, samples)
        let ratios = (0..<count).compactMap { step -> Double? in
            // Clamped: exp(log(high)) can land a rounding step outside the overlap and lose the end sample.
            let x = count == 1 ? low : min(high, max(low, exp(log(low) + Double(step) / Double(count - 1) * (log(high) - log(low)))))
            return Ratio(x: x, a: a.value(at: x), b: b.value(at: x)).ratio
        }.sorted()
        guard !ratios.isEmpty else { return }
        minimum = ratios.first
        maximum = ratios.last
        median = Distribution.median(ratios)
    }
}
