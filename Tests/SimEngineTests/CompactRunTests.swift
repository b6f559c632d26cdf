import Metrics
import Testing

@testable import SimEngine

/// The virtual clock keeps timelines compact (a step's time once for its batch) and computes
/// metrics from them; these check that nothing is lost against streaming every token.
@Suite struct CompactRunTests {
    /// Open-loop arrivals spread over time, lengths drawn with a range ratio, so batches grow,
    /// shrink and mix prefill with decode.
    func requests(_ count: Int, isl: Int, osl: Int, seed: UInt64) -> [SimRequest] {
        SimWorkload.shapes(count: count, isl: isl, osl: osl, rangeRatio: 0.5, seed: seed).enumerated().map { index, shape in
            SimRequest(id: index, arrival: Int64(index) * 3_000_000, promptTokens: shape.prompt, outputTokens: shape.output)
        }
    }

    /// The streaming cluster on the virtual clock, one time per token: what the real-time server's truth log holds.
    func streamed(_ config: SimConfig, _ requests: [SimRequest], seed: UInt64) throws -> [RequestTimeline] {
        var cluster = try SimCluster(config: config, seed: seed)
        var timelines = requests.map(RequestTimeline.init(request:))
        for request in requests { cluster.submit(request) }
        var emissions: [TokenEmission] = []
        while let time = cluster.nextEventTime {
            emissions.removeAll()
            cluster.advance(until: time, into: &emissions)
            for emission in emissions { timelines[emission.requestID].record(emission) }
        }
        return timelines
    }

    static let configurations: [(String, @Sendable (inout SimConfig) -> Void)] = [
        ("dense decode", { _ in }),
        ("speculative decoding", { $0.speculative = SpeculativeDecoding(acceptanceLength: 2.4) }),
        (
            "disaggregated",
            {
                $0.topology = .disaggregated(
                    prefill: WorkerPool(workers: 2, shape: WorkerShape(tp: 8)), decode: WorkerPool(workers: 2, shape: WorkerShape(tp: 8)))
            }
        ),
        (
            "disaggregated with speculative decoding",
            {
                $0.topology = .disaggregated(
                    prefill: WorkerPool(workers: 1, shape: WorkerShape(tp: 8)), decode: WorkerPool(workers: 2, shape: WorkerShape(tp: 8)))
                $0.speculative = SpeculativeDecoding(acceptanceLength: 1.7)
            }
        ),
    ]

    @Test(arguments: 0..<configurations.count)
    func compactTimelinesExpandToTheStreamedOnes(_ index: Int) throws {
        let config = try simConfig(edit: Self.configurations[index].1)
        let sent = requests(60, isl: 700, osl: 90, seed: 4)
        var clock = VirtualClock(cluster: try SimCluster(config: config, seed: 9))
        #expect(clock.run(sent) == (try streamed(config, sent, seed: 9)), "\(Self.configurations[index].0)")
    }

    @Test(arguments: 0..<configurations.count)
    func compactMetricsEqualTheExpandedRecordsMetrics(_ index: Int) throws {
        let config = try simConfig(edit: Self.configurations[index].1)
        var clock = VirtualClock(cluster: try SimCluster(config: config, seed: 2))
        let run = clock.runClosedLoopCompact(shapes: SimWorkload.shapes(count: 120, isl: 500, osl: 120, rangeRatio: 0.6, seed: 2), concurrency: 24)
        let compact = run.pointMetrics(concurrency: 24, gpus: 8)
        let expanded = PointMetrics(records: run.records(keepEvents: true), concurrency: 24, gpus: 8)
        #expect(
            compact.completed == expanded.completed && compact.outputTokens == expanded.outputTokens && compact.inputTokens == expanded.inputTokens)
        #expect(compact.itl?.count == expanded.itl?.count && compact.itlPerToken?.count == expanded.itlPerToken?.count)
        for (name, a, b) in [
            ("itl", compact.itl, expanded.itl), ("itl per token", compact.itlPerToken, expanded.itlPerToken),
            ("ttft", compact.ttft, expanded.ttft), ("tpot", compact.tpot, expanded.tpot), ("e2el", compact.e2el, expanded.e2el),
        ] {
            let a = try #require(a), b = try #require(b)
            // The same samples; only the order the mean is summed in differs.
            for (x, y) in [(a.median, b.median), (a.p90!, b.p90!), (a.p99!, b.p99!), (a.p999!, b.p999!)] {
                #expect(x == y, "\(name): \(x) vs \(y)")
            }
            #expect(abs(a.mean! - b.mean!) <= 1e-12 * abs(b.mean!) && abs(a.std! - b.std!) <= 1e-9 * max(b.std!, 1e-12), "\(name)")
        }
        #expect(compact.steadyState == expanded.steadyState)
        #expect(compact.totalThroughput == expanded.totalThroughput && compact.interactivity == expanded.interactivity)
    }

    @Test func recordsWithoutEventsKeepEachRequestsLatencies() throws {
        let config = try simConfig { $0.speculative = SpeculativeDecoding(acceptanceLength: 2.2) }
        var clock = VirtualClock(cluster: try SimCluster(config: config, seed: 5))
        let run = clock.runClosedLoopCompact(shapes: SimWorkload.shapes(count: 40, isl: 300, osl: 64, rangeRatio: 0.5, seed: 5), concurrency: 8)
        let full = run.records(keepEvents: true), slim = run.records(keepEvents: false)
        #expect(slim.allSatisfy { $0.events.count <= 2 })
        #expect(full.contains { $0.events.count > 2 })
        for (a, b) in zip(full, slim) {
            #expect(a.ttft == b.ttft && a.tpot == b.tpot && a.e2el == b.e2el && a.outputTokens == b.outputTokens && a.end == b.end)
        }
    }
}
