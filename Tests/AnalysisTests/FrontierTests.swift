import Analysis
import Foundation
import Testing

@Suite struct FrontierTests {
    @Test func dominatedPointsAreDroppedAndTheRestComeInIncreasingX() {
        // (interactivity, throughput): (10, 100) dominates (5, 90) and (10, 50); (40, 20) and (20, 60) stand.
        let x: [Double] = [10, 5, 40, 20, 10]
        let y: [Double] = [100, 90, 20, 60, 50]
        #expect(Frontier.indices(x: x, y: y, xBetter: .higher, yBetter: .higher) == [0, 3, 2])
    }

    @Test func tiesOnePointAndEqualX() {
        #expect(Frontier.indices(x: [3], y: [7], xBetter: .higher, yBetter: .higher) == [0])
        #expect(Frontier.indices(x: [], y: [], xBetter: .higher, yBetter: .higher) == [])
        // Equal x: only the best y; exact duplicates: the first.
        #expect(Frontier.indices(x: [2, 2, 2], y: [1, 5, 5], xBetter: .higher, yBetter: .higher) == [1])
        // Equal y at different x: only the better x survives.
        #expect(Frontier.indices(x: [1, 3], y: [4, 4], xBetter: .higher, yBetter: .higher) == [1])
        #expect(Frontier.indices(x: [.nan, 1], y: [9, 1], xBetter: .higher, yBetter: .higher) == [1])
    }

    @Test func lowerIsBetterAxesFlip() {
        // (E2E latency s, throughput): lower latency and higher throughput win.
        let x: [Double] = [1, 2, 3, 2.5]
        let y: [Double] = [10, 30, 50, 20]
        #expect(Frontier.indices(x: x, y: y, xBetter: .lower, yBetter: .higher) == [0, 1, 2])
        // (interactivity, $/M tokens): cheaper and faster win.
        #expect(Frontier.indices(x: [10, 20, 30], y: [1.0, 2.0, 1.5], xBetter: .higher, yBetter: .lower) == [0, 2])
    }

    @Test func dominatedPointsOnEitherXDirectionAreDropped() {
        // Six points: (interactivity tok/s/user, E2E latency s, tok/s/GPU).
        let interactivity: [Double] = [50, 40, 45, 20, 10, 45]
        let e2el: [Double] = [2, 3, 3.2, 5, 6, 1.5]
        let throughput: [Double] = [100, 300, 200, 600, 500, 90]
        // Higher interactivity is better: 4 is beaten by 3 (20, 600), 5 by 2 (45, 200) and by 0 (50, 100).
        #expect(Frontier.indices(x: interactivity, y: throughput, xBetter: .higher, yBetter: .higher) == [3, 1, 2, 0])
        // Lower latency is better: 4 is beaten by 3 (5 s, 600), 2 by 1 (3 s, 300); 5 is the fastest.
        #expect(Frontier.indices(x: e2el, y: throughput, xBetter: .lower, yBetter: .higher) == [5, 0, 1, 3])
        // Lower is better on y too ($/M tokens, a falling function of throughput): the same points.
        let cost = throughput.map { 1000 / $0 }
        #expect(Frontier.indices(x: interactivity, y: cost, xBetter: .higher, yBetter: .lower) == [3, 1, 2, 0])
        #expect(Frontier.indices(x: e2el, y: cost, xBetter: .lower, yBetter: .lower) == [5, 0, 1, 3])
    }

    /// Kept is exactly the undominated set: nothing kept is beaten and nothing unbeaten is dropped,
    /// for every pair of axis directions, on seeded clouds with many ties (integer coordinates).
    @Test(arguments: [(Direction.higher, Direction.higher), (.lower, .higher), (.higher, .lower), (.lower, .lower)])
    func theFrontierIsExactlyTheUndominatedPoints(xBetter: Direction, yBetter: Direction) {
        var random = SplitMix64(seed: 23)
        for _ in 0..<20 {
            let count = Int.random(in: 1...300, using: &random)
            let x = (0..<count).map { _ in Double(Int.random(in: 1...40, using: &random)) }
            let y = (0..<count).map { _ in Double(Int.random(in: 1...40, using: &random)) }
            let kept = Frontier.indices(x: x, y: y, xBetter: xBetter, yBetter: yBetter)
            #expect(kept == Self.undominated(x: x, y: y, xBetter: xBetter, yBetter: yBetter))
        }
    }

    /// By brute force: i is dominated when some j is at least as good on both axes and better on
    /// one, or is the same point listed earlier (duplicates keep the first); increasing x.
    static func undominated(x: [Double], y: [Double], xBetter: Direction, yBetter: Direction) -> [Int] {
        let gx = xBetter == .higher ? x : x.map { -$0 }, gy = yBetter == .higher ? y : y.map { -$0 }
        return x.indices.filter { i in
            !x.indices.contains { j in j != i && gx[j] >= gx[i] && gy[j] >= gy[i] && (gx[j] > gx[i] || gy[j] > gy[i] || j < i) }
        }.sorted { x[$0] < x[$1] }
    }

    @Test func interpolationIsExactAtKnotsMonotoneBetweenAndNilOutside() throws {
        let curve = FrontierCurve(points: [(10, 4000), (50, 1500), (100, 400), (25, 2500)])
        #expect(curve.value(at: 10) == 4000 && curve.value(at: 25) == 2500 && curve.value(at: 100) == 400)
        #expect(curve.value(at: 9.99) == nil && curve.value(at: 100.01) == nil)
        let samples = stride(from: 10.0, through: 100, by: 0.5).compactMap { curve.value(at: $0) }
        #expect(samples.count == 181)
        #expect(zip(samples, samples.dropFirst()).allSatisfy { $0 >= $1 })
        // Straight in log-log space: halfway in log x is the geometric mean of the knots' y.
        let mid = try #require(curve.value(at: (50.0 * 100).squareRoot()))
        #expect(abs(mid - (1500.0 * 400).squareRoot()) < 1e-9)
    }

    @Test func comparingTwoFrontiersGivesRatiosAtTargetsAndOverTheOverlap() throws {
        let a = FrontierCurve(points: [(10, 8000), (100, 800)])
        let b = FrontierCurve(points: [(20, 1000), (200, 100)])
        let comparison = FrontierComparison(a: a, b: b, at: [5, 20, 50, 150])
        // a = 80000/x and b = 20000/x: the ratio is 4 wherever both were measured.
        #expect(comparison.at.map { $0.ratio.map { ($0 * 1e9).rounded() / 1e9 } } == [nil, 4, 4, nil])
        #expect(try #require(comparison.overlap) == 20...100)
        for value in [comparison.minimum, comparison.median, comparison.maximum] {
            #expect(abs(try #require(value) - 4) < 1e-9)
        }
        #expect(FrontierComparison(a: a, b: FrontierCurve(points: [(500, 1), (900, 1)]), at: []).overlap == nil)
    }
}

/// A seeded generator (SplitMix64), so a failing cloud is the same cloud on the next run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
