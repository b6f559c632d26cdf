import Testing

@testable import LoadGen

/// The replay state machine on a fake clock: the test plays the server, finishing every request
/// a fixed time after it is sent, and moves time to the schedule's wakeups.
@Suite struct ReplayScheduleTests {
    static let second: Int64 = 1_000_000_000

    /// A request whose prompt is exactly its hash ids' blocks.
    static func turn(_ t: Double, api: Double = 1, hashes: [Int] = [0], output: Int = 4) -> TraceRequest {
        TraceRequest(t: t, inputTokens: 64 * hashes.count, outputTokens: output, hashIDs: hashes, apiTime: api)
    }

    /// Main turn 0 (0–1 s); a subagent whose requests start at 3 s and 6 s (1 s each); main
    /// turn 1 at 10 s, after the subagent ended at 7 s, so it joins it with a 3 s gap.
    static let fanOut = AgenticTrace(id: "fan", entries: [
        .request(turn(0, hashes: [0, 1])),
        .subagent(TraceSubagent(agentID: "a", t: 3, requests: [turn(3, hashes: [0, 5]), turn(6, hashes: [0, 5, 6])])),
        .request(turn(10, hashes: [0, 1, 2])),
    ])

    /// Plays a replay: each request takes `service` (or its own time), and ends with an overflow when `overflow` says so.
    struct Player {
        var schedule: ReplaySchedule
        var sent: [ReplayRequest] = []
        var ends: [(at: Int64, id: Int)] = []
        var finishedAt: [Int: Int64] = [:]

        init(_ traces: [AgenticTrace], _ settings: ReplaySettings) {
            schedule = ReplaySchedule(traces: traces, settings: settings)
        }

        mutating func play(service: (ReplayRequest) -> Int64 = { _ in ReplayScheduleTests.second }, overflow: (ReplayRequest) -> Bool = { _ in false }) {
            accept(schedule.start(at: 0), service)
            for _ in 0..<10_000 where !schedule.isDone {
                let end = ends.min { $0.at < $1.at }
                if let wake = schedule.nextWakeup, end.map({ wake < $0.at }) ?? true {
                    accept(schedule.advance(to: wake), service)
                } else if let end {
                    ends.removeAll { $0.id == end.id }
                    finishedAt[end.id] = end.at
                    let request = sent.first { $0.id == end.id }!
                    accept(schedule.finished(id: end.id, at: end.at, succeeded: true, contextOverflow: overflow(request)), service)
                }
            }
        }

        private mutating func accept(_ requests: [ReplayRequest], _ service: (ReplayRequest) -> Int64) {
            sent += requests
            ends += requests.map { ($0.sendAt + service($0), $0.id) }
        }
    }

    static func settings(lanes: Int = 1, duration: Int64 = 1000 * second, treeCap: Int64 = 300 * second, systemCap: Int64 = 10 * second) -> ReplaySettings {
        ReplaySettings(lanes: lanes, duration: duration, warmUp: false, treeIdleCap: treeCap, systemIdleCap: systemCap)
    }

    @Test func subagentsStartAtTheirOffsetAndTheNextMainTurnJoinsThem() {
        var player = Player([Self.fanOut], Self.settings(duration: 14 * Self.second))
        // The server takes 5 s for main turn 0, 1 s for the rest.
        player.play(service: { $0.agent == 0 && $0.turn == 0 ? 5 * Self.second : Self.second })
        let firstTree = player.sent.prefix(4).map { "\($0.agent).\($0.turn)@\($0.sendAt / Self.second)" }
        // Turn 0 ends at 5; spawn 2 s later (7); inner gap 2 s after its end at 8 (10); the join:
        // 3 s after the subagent's end at 11 (14) — the duration's end, so it never starts.
        #expect(firstTree == ["0.0@0", "1.0@7", "1.1@10"])
        #expect(player.schedule.isDone && player.sent.count == 3)
    }

    @Test func theJoinedTurnWaitsForASlowSubagent() {
        var player = Player([Self.fanOut], Self.settings())
        player.play(service: { $0.agent == 1 ? 20 * Self.second : Self.second })
        let join = player.sent.first { $0.agent == 0 && $0.turn == 1 }!
        // Turn 0 ends at 1; subagent 3→23, 25→45; turn 1 is 3 s after that.
        #expect(join.sendAt == 48 * Self.second)
    }

    @Test func idleTreesWaitAtMostTheTreeCapAndAnIdleSystemAtMostTheSystemCap() {
        let sleepy = AgenticTrace(id: "sleepy", entries: [.request(Self.turn(0)), .request(Self.turn(1000))])
        var treeOnly = Player([sleepy], Self.settings(systemCap: 100_000 * Self.second))
        treeOnly.play()
        #expect(treeOnly.sent[1].sendAt == (1 + 300) * Self.second, "999 s recorded, capped at 300 s")

        var system = Player([sleepy], Self.settings())
        system.play()
        #expect(system.sent[1].sendAt == (1 + 10) * Self.second, "nothing in flight anywhere: 10 s")

        // A second lane busy for 500 s keeps the system from idling: only the tree cap applies.
        let busy = AgenticTrace(id: "busy", entries: [.request(Self.turn(0, hashes: [3]))])
        var twoLanes = Player([sleepy, busy], Self.settings(lanes: 2, duration: 400 * Self.second))
        twoLanes.play(service: { $0.trace == 1 ? 500 * Self.second : Self.second })
        let sleepyLane = twoLanes.sent.first { $0.trace == 0 }!.lane
        let sleepySends = twoLanes.sent.filter { $0.lane == sleepyLane && $0.trace == 0 }
        #expect(sleepySends.count >= 2 && sleepySends[1].sendAt == 301 * Self.second)
    }

    @Test func lanesTakeDistinctTracesFirstThenWrapAroundAndRecycleWhenDrained() {
        let traces = (0..<3).map { AgenticTrace(id: "t\($0)", entries: [.request(Self.turn(0, hashes: [$0]))]) }
        var player = Player(traces, Self.settings(lanes: 4, duration: 3 * Self.second + 1))
        player.play()
        let atStart = player.sent.filter { $0.sendAt == 0 }
        #expect(atStart.count == 4 && Set(atStart.prefix(3).map(\.trace)).count == 3, "three distinct traces, then the first again")
        #expect(atStart[3].trace == atStart[0].trace && atStart[3].blockContents != atStart[0].blockContents, "a repeat pass has its own contents")
        // Each lane's single-turn tree drains after 1 s and the lane takes the next trace at once.
        #expect(player.sent.filter { $0.sendAt == Self.second }.count == 4)
        #expect(player.sent.map(\.sendAt).max() == 3 * Self.second, "the last starts before the duration ends")
        #expect(player.schedule.isDone && player.finishedAt.count == player.sent.count, "in-flight requests finish")
    }

    @Test func nothingStartsAfterTheDurationButInFlightRequestsFinish() {
        let long = AgenticTrace(id: "long", entries: (0..<50).map { .request(Self.turn(Double($0) * 3)) })
        var player = Player([long], Self.settings(duration: 12 * Self.second))
        player.play(service: { _ in 5 * Self.second })
        // 1 + 2 s gap: a turn every 7 s.
        #expect(player.sent.map { $0.sendAt / Self.second } == [0, 7])
        #expect(player.finishedAt.values.max() == 12 * Self.second && player.schedule.isDone)
    }

    @Test func warmupsPrimeEachLaneThenProfilingStartsWhenAllHaveFinished() {
        let long = AgenticTrace(id: "long", entries: (0..<20).map { .request(Self.turn(Double($0) * 2, hashes: Array(0...$0))) })
        var settings = Self.settings(lanes: 2, duration: 5 * Self.second)
        settings.warmUp = true
        settings.warmupOneTokenRequests = 3
        var player = Player([long], settings)
        player.play(service: { $0.lane == 0 ? Self.second : 2 * Self.second })
        for lane in 0..<2 {
            let sent = player.sent.filter { $0.lane == lane }
            let warmups = sent.prefix { $0.isWarmup }
            #expect(warmups.count == 4 && warmups.allSatisfy { $0.maxTokens == 1 })
            let start = warmups.first!.turn
            #expect((5...15).contains(start) && warmups.map(\.turn) == Array(start...(start + 3)))
            #expect(sent.dropFirst(4).allSatisfy { !$0.isWarmup } && sent[4].turn == start + 4)
        }
        #expect(player.schedule.profilingStart == 8 * Self.second, "lane 1's four 2 s warmups end last")
        #expect(player.sent.filter { !$0.isWarmup }.allSatisfy { $0.sendAt >= 8 * Self.second })
    }

    @Test func aContextOverflowEndsItsTreeAndTheLaneMovesOn() {
        let traces = (0..<2).map { index in AgenticTrace(id: "t\(index)", entries: (0..<5).map { .request(Self.turn(Double($0) * 2, hashes: [index])) }) }
        var player = Player(traces, Self.settings(duration: 6 * Self.second))
        player.play(overflow: { $0.turn == 1 })
        let trees = player.sent.map { "\($0.trace).\($0.turn)" }
        #expect(trees.count == 4 && trees[2].hasSuffix(".0") && trees[3].hasSuffix(".1"), "\(trees)")
        #expect(player.sent[0].trace != player.sent[2].trace)
    }

    @Test func blockContentsFollowTheHashIDsAcrossTheTree() {
        var player = Player([Self.fanOut], Self.settings(duration: 11 * Self.second))
        player.play()
        #expect(player.sent.count == 4, "one pass of the tree")
        let contents = Dictionary(uniqueKeysWithValues: player.sent.map { ("\($0.agent).\($0.turn)", $0.blockContents) })
        #expect(contents["0.0"]![0] == contents["1.0"]![0] && contents["1.0"]![1] == contents["1.1"]![1])
        #expect(contents["0.1"]!.prefix(2) == contents["0.0"]![...] && contents["0.0"]![1] != contents["1.0"]![1])
        #expect(player.sent.map(\.theoreticalCachedTokens) == [0, 64, 128, 128], "leading runs seen before, in recorded order")
        let ids = player.sent.map { ReplayPrompt.tokenIDs($0, seed: 42) }
        #expect(zip(ids, player.sent).allSatisfy { $0.count == $1.promptTokens })
        #expect(ReplayPrompt.tokenIDs(player.sent[3], seed: 42, vocabulary: 8000).allSatisfy { (800..<8000).contains($0) })
        #expect(ids[0].prefix(64) == ids[1].prefix(64) && ids[3].prefix(128) == ids[0][...], "equal blocks, equal token runs")
        #expect(ids[0][64...] != ids[1][64...])
    }
}
