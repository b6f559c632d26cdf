import Testing

@testable import Metrics

@Suite struct WeightedSamplesTests {
    @Test func weightedStatisticsAreThoseOfTheExpandedList() throws {
        var weighted = WeightedSamples()
        var expanded: [Double] = []
        for (value, weight) in [(0.030, 5), (0.010, 1), (0.020, 0), (0.050, 3), (0.011, 2), (0.5, 1)] {
            weighted.append(value, weight: weight)
            expanded += Array(repeating: value, count: weight)
        }
        let a = try #require(Distribution(weighted)), b = try #require(Distribution(expanded))
        #expect(a.count == 12 && b.count == 12)
        #expect(a.median == b.median && a.p90 == b.p90 && a.p99 == b.p99 && a.p999 == b.p999)
        #expect(abs(a.mean! - b.mean!) < 1e-15 && abs(a.std! - b.std!) < 1e-15)
        // Hand-computed: sorted 0.010, 0.011×2, 0.030×5, 0.050×3, 0.5; rank 5.5 lies between two 0.030s; p90 at rank 9.9: 0.050.
        #expect(a.median == 0.030 && a.p90 == 0.050)
    }

    @Test func noWeightIsNoDistribution() {
        var samples = WeightedSamples()
        samples.append(1, weight: 0)
        #expect(Distribution(samples) == nil)
    }
}
