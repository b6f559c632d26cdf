import Metrics
import Testing

@testable import LoadGen

/// How a run's work is split over its event loops, and how their outcomes are put back together.
@Suite struct LoadLaneTests {
    @Test(arguments: 1...4)
    func everyItemBelongsToExactlyOneLane(lanes: Int) {
        for total in 0..<23 {
            let split = (0..<lanes).map { LoadLane(index: $0, count: lanes) }
            #expect(split.map { $0.share(of: total) }.reduce(0, +) == total)
            #expect(split.flatMap { Array($0.items(below: total)) }.sorted() == Array(0..<total))
            for lane in split { #expect(Array(lane.items(below: total)).count == lane.share(of: total)) }
        }
    }

    @Test(arguments: [1, 3])
    func lanesShareOneArrivalSchedule(lanes: Int) {
        let arrivals = Arrivals(rate: 50, burstiness: 0.5)
        let all = Array(arrivals.offsets(count: 17, seed: 9))
        var merged: [Int: Double] = [:]
        for index in 0..<lanes {
            var offsets = LoadLane.Offsets(all: arrivals.offsets(count: 17, seed: 9), lane: LoadLane(index: index, count: lanes))
            var k = index
            while let offset = offsets.next() {
                merged[k] = offset
                k += lanes
            }
        }
        #expect((0..<17).map { merged[$0] } == all)
    }

    @Test func noMoreLanesThanSlots() {
        let target = try! LoadTarget(url: "http://127.0.0.1:1", endpoint: .completions)
        let workload = Workload(endpoint: .completions, model: "m", inputLength: 4, outputLength: 4, seed: 1)
        #expect(LoadLane.count(for: LoadSettings(target: target, workload: workload, maxConcurrency: 2, length: .prompts(9), loops: 8)) == 2)
        #expect(LoadLane.count(for: LoadSettings(target: target, workload: workload, maxConcurrency: nil, length: .prompts(9), loops: 8)) == 8)
        #expect(LoadLane.count(for: LoadSettings(target: target, workload: workload, maxConcurrency: 5, length: .prompts(9), loops: 0)) == 1)
    }

    /// Records split by lane and merged give the very metrics of the whole.
    @Test func mergedLanesGiveTheSameMetrics() {
        let requests = (0..<30).map { index -> MeasuredRequest in
            let start = Int64(index) * 7_000_000
            let events = (1...8).map { RequestRecord.TokenEvent(time: start + Int64($0 * (3_000_000 + index * 1000)), tokens: 1) }
            let error = index % 11 == 5 ? RequestError(.connection, "cut") : nil
            let record = RequestRecord(
                index: index, start: start, end: events.last!.time, promptTokens: 32, requestedOutputTokens: 8, events: events,
                usageCompletionTokens: 8, error: error)
            return MeasuredRequest(record: record, intendedStart: start, written: start + 10_000, intendedPromptTokens: 32, usagePromptTokens: 32)
        }
        let whole = LoadOutcome(
            requests: requests, warmupFailures: 1, interrupted: 0, unsent: 0, peakInFlight: 6, clientCPUSeconds: 0.3, loopCPUSeconds: [0.3])
        let lanes = (0..<3).map { lane in
            LoadOutcome(
                requests: requests.filter { $0.record.index % 3 == lane }, warmupFailures: lane == 1 ? 1 : 0, interrupted: 0, unsent: 0,
                peakInFlight: 2, clientCPUSeconds: 0.1, loopCPUSeconds: [0.1])
        }
        let merged = LoadOutcome.merged(lanes)
        #expect(merged.requests == whole.requests)
        #expect(merged.warmupFailures == 1 && merged.peakInFlight == 6 && merged.loopCPUSeconds.count == 3)
        #expect(abs(merged.clientCPUSeconds - 0.3) < 1e-12)
        #expect(PointMetrics(records: merged.requests.map(\.record), concurrency: 6) == PointMetrics(records: whole.requests.map(\.record), concurrency: 6))
    }
}
