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

    @Test func aLargeFrontierIsTheStaircaseOfARandomCloud() {
        var generator = SystemRandomNumberGenerator()
        let x = (0..<5000).map { _ in Double.random(in: 1...200, using: &generator) }
        let y = (0..<5000).map { _ in Double.random(in: 1...5000, using: &generator) }
        let kept = Frontier.indices(x: x, y: y, xBetter: .higher, yBetter: .higher)
        // Along increasing x the frontier's y strictly falls, and nothing beats any kept point.
        #expect(zip(kept, kept.dropFirst()).allSatisfy { x[$0.0] < x[$0.1] && y[$0.0] > y[$0.1] })
        for index in kept {
            #expect(!x.indices.contains { x[$0] >= x[index] && y[$0] >= y[index] && (x[$0] > x[index] || y[$0] > y[index]) })
        }
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
