import Catalog
import Foundation

/// Throughput per GPU of one deployment against another at equal interactivity, over a
/// concurrency sweep on the virtual clock: the "Blackwell vs Hopper across the frontier" check.
public struct GenerationRatio: Sendable {
    public struct Point: Sendable {
        public var concurrency: Int
        /// tok/s/user: 1 / median TPOT.
        public var interactivity: Double
        /// Total (input + output) tok/s per GPU.
        public var throughputPerGPU: Double
    }

    public var ratios: [(interactivity: Double, ratio: Double)]
    public var min: Double { ratios.map(\.ratio).min() ?? .nan }
    public var max: Double { ratios.map(\.ratio).max() ?? .nan }
    public var median: Double {
        let sorted = ratios.map(\.ratio).sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }

    /// One point per concurrency: a closed loop of `4 × concurrency` requests.
    public static func sweep(_ config: SimConfig, isl: Int, osl: Int, concurrencies: [Int], seed: UInt64 = 1) throws -> [Point] {
        try concurrencies.map { concurrency in
            var clock = VirtualClock(cluster: try SimCluster(config: config, seed: seed))
            let shapes = SimWorkload.shapes(count: 4 * concurrency, isl: isl, osl: osl, seed: seed)
            let timelines = clock.runClosedLoop(shapes: shapes, concurrency: concurrency)
            let tpots = timelines.compactMap { timeline -> Double? in
                guard timeline.tokenTimes.count > 1, let first = timeline.tokenTimes.first, let last = timeline.tokenTimes.last else { return nil }
                return Double(last - first) / 1e9 / Double(timeline.tokenTimes.count - 1)
            }.sorted()
            let end = timelines.compactMap(\.tokenTimes.last).max() ?? 1
            let tokens = timelines.reduce(0) { $0 + $1.promptTokens + $1.tokenTimes.count }
            return Point(concurrency: concurrency, interactivity: 1 / tpots[tpots.count / 2],
                         throughputPerGPU: Double(tokens) / (Double(end) / 1e9) / Double(config.topology.gpus))
        }
    }

    /// The upper envelope: for each interactivity, the best throughput any point reaches at or above it.
    static func frontier(_ points: [Point]) -> [(x: Double, y: Double)] {
        var best = 0.0
        var result: [(x: Double, y: Double)] = []
        for point in points.sorted(by: { $0.interactivity > $1.interactivity }) where point.throughputPerGPU > best {
            best = point.throughputPerGPU
            result.append((point.interactivity, point.throughputPerGPU))
        }
        return result.reversed()
    }

    /// Frontier `a` over frontier `b` at `samples` interactivities spread log-evenly over their overlap.
    public init(a: [Point], b: [Point], samples: Int = 9) {
        let fa = Self.frontier(a), fb = Self.frontier(b)
        let low = Swift.max(fa.first?.x ?? 0, fb.first?.x ?? 0), high = Swift.min(fa.last?.x ?? 0, fb.last?.x ?? 0)
        guard low > 0, high > low else {
            ratios = []
            return
        }
        ratios = (0..<samples).map { index in
            let x = exp(log(low) + (log(high) - log(low)) * Double(index) / Double(samples - 1))
            return (x, Self.interpolate(fa, at: x) / Self.interpolate(fb, at: x))
        }
    }

    /// Frontier `a` over frontier `b` at one interactivity; nil outside their shared range.
    public static func ratio(_ a: [Point], over b: [Point], at x: Double) -> Double? {
        let fa = frontier(a), fb = frontier(b)
        guard let lowA = fa.first?.x, let lowB = fb.first?.x, let highA = fa.last?.x, let highB = fb.last?.x,
              x >= Swift.max(lowA, lowB), x <= Swift.min(highA, highB) else { return nil }
        return interpolate(fa, at: x) / interpolate(fb, at: x)
    }

    /// Piecewise-linear in log-log space, which keeps a monotone frontier monotone.
    static func interpolate(_ frontier: [(x: Double, y: Double)], at x: Double) -> Double {
        guard let upper = frontier.firstIndex(where: { $0.x >= x }) else { return frontier.last?.y ?? .nan }
        guard upper > 0 else { return frontier[0].y }
        let a = frontier[upper - 1], b = frontier[upper]
        let t = (log(x) - log(a.x)) / (log(b.x) - log(a.x))
        return exp(log(a.y) + t * (log(b.y) - log(a.y)))
    }
}
