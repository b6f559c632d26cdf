import Testing

@testable import SimEngine

/// A driver that sends a chain of requests, each `gap` after the previous one finished, plus one
/// request from a timer of its own.
private struct ChainDriver: ReactiveDriver {
    var remaining: Int
    var gap: Int64
    var timer: Int64?
    var finishes: [Int: Int64] = [:]
    var nextID = 100

    func nextTimer() -> Int64? { timer }

    mutating func timerFired(at time: Int64) -> [SimRequest] {
        timer = nil
        defer { nextID += 1 }
        return [SimRequest(id: nextID, arrival: time, promptTokens: 64, outputTokens: 2)]
    }

    mutating func finished(request id: Int, at time: Int64) -> [SimRequest] {
        finishes[id] = time
        guard id < 100, remaining > 0 else { return [] }
        remaining -= 1
        return [SimRequest(id: id + 1, arrival: time + gap, promptTokens: 64, outputTokens: 4)]
    }
}

@Suite struct ReactiveClockTests {
    @Test func followUpsArriveTheirGapAfterTheCompletionThatTriggersThem() throws {
        var clock = VirtualClock(cluster: try SimCluster(config: try simConfig(), seed: 1))
        var driver = ChainDriver(remaining: 2, gap: 1_000_000_000, timer: 5_000_000_000)
        let run = clock.runReactive([SimRequest(id: 0, arrival: 0, promptTokens: 64, outputTokens: 4)], driver: &driver)
        #expect(run.timelines.map(\.id) == [0, 1, 2, 100])
        for id in [1, 2] {
            let arrival = try #require(run.timelines.first { $0.id == id }?.arrival)
            #expect(arrival == driver.finishes[id - 1]! + 1_000_000_000)
        }
        // The timer's request arrived at the timer, and every request finished.
        #expect(run.timelines.first { $0.id == 100 }?.arrival == 5_000_000_000)
        #expect(Set(driver.finishes.keys) == [0, 1, 2, 100])
    }
}
