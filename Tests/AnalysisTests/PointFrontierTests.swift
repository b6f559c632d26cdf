import Analysis
import Metrics
import Testing

@Suite struct PointFrontierTests {
    /// A point with this interactivity (1 / median TPOT) and total tok/s/GPU on one GPU.
    func point(interactivity: Double, perGPU: Double) -> PointMetrics {
        PointMetrics(
            reportedCompleted: 1, failed: 0, inputTokens: 0, outputTokens: 1, durationSeconds: 1, requestThroughput: 1,
            inputThroughput: 0, outputThroughput: perGPU, gpus: 1, ttft: nil,
            tpot: Distribution(count: 1, mean: nil, median: 1 / interactivity, std: nil, p90: nil, p99: nil, p999: nil),
            itl: nil, e2el: nil)
    }

    /// One frontier of measured points over another at a given interactivity, in log-log
    /// interpolation, and nil outside the range both frontiers cover; dominated points stay off.
    @Test func measuredFrontiersCompareInsideTheirSharedRange() throws {
        let a = [point(interactivity: 10, perGPU: 1000), point(interactivity: 100, perGPU: 100), point(interactivity: 20, perGPU: 50)]
        let b = [point(interactivity: 10, perGPU: 250), point(interactivity: 100, perGPU: 25)]
        let curve = FrontierCurve(throughputPerGPUOf: a)
        #expect(curve.knots.map(\.x) == [10, 100])
        let comparison = FrontierComparison(a: curve, b: FrontierCurve(throughputPerGPUOf: b), at: [31.6, 200, 5], samples: 9)
        #expect(abs(try #require(comparison.at[0].ratio) - 4) < 1e-9)
        #expect(comparison.at[1].ratio == nil && comparison.at[2].ratio == nil)
        #expect(abs(try #require(comparison.median) - 4) < 1e-9)
    }

    /// The overlap's ends are sampled however exp(log(x)) rounds: a ratio found only at an end counts.
    @Test func theOverlapsEndsAreAlwaysSampled() throws {
        for high in stride(from: 10.1, through: 99.9, by: 0.7) {
            let a = FrontierCurve(points: [(1, 1), (high, 100)]), b = FrontierCurve(points: [(1, 1), (high, 1)])
            let maximum = try #require(FrontierComparison(a: a, b: b, at: [], samples: 9).maximum)
            #expect(abs(maximum - 100) < 1e-9, "high \(high): \(maximum)")
        }
    }
}
