import Testing

@testable import SimServer

@Suite struct EmitLagTests {
    @Test func quantilesAreExactToOneBucket() {
        var lag = EmitLag()
        for microseconds in 0..<1000 { lag.record(nanoseconds: Int64(microseconds) * 1000) }
        #expect(lag.total == 1000)
        #expect(lag.quantile(0.5) == 0.0005)
        #expect(lag.quantile(0.99) == 0.00099, "the 990th value, 989 µs, rounds up to its bucket edge")
        #expect(lag.quantile(1.0) == 0.001)
        lag.record(nanoseconds: 5_000_000_000)
        #expect(lag.quantile(1.0) == nil, "beyond the last bucket")
        #expect(EmitLag().quantile(0.5) == nil)
    }

    @Test func snapshotsSubtractAndFeedThePrometheusBuckets() {
        var lag = EmitLag()
        lag.record(nanoseconds: 50_000)
        let earlier = lag
        lag.record(nanoseconds: 300_000)
        lag.record(nanoseconds: 2_000_000)
        lag.record(nanoseconds: -5)
        let window = lag.since(earlier)
        #expect(window.total == 3)
        #expect(window.quantile(0.34) == 0.00031)
        // Bounds 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 50 ms, then the total.
        #expect(lag.cumulativeCounts() == [2, 2, 3, 3, 4, 4, 4, 4, 4])
    }
}
