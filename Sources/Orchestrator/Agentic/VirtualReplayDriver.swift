import LoadGen
import Metrics
import SimEngine

/// Feeds a trace replay's requests to the simulator's virtual clock: each completion and each of
/// the schedule's timers goes back to the schedule, whose next requests arrive at once. A request
/// whose prompt plus output exceed the engine's context is refused as the engine would refuse it
/// (a context overflow: a failed request that ends its trajectory tree) and never reaches the core.
struct VirtualReplayDriver: ReactiveDriver {
    private(set) var schedule: ReplaySchedule
    /// Why the engine would refuse a request outright (too long for its context or its KV cache), or nil.
    let refusal: (ReplayRequest) -> String?
    /// Every request sent, by id: what the point's figures need of it (its prompt's block contents
    /// go to the core and are not kept: an hour's replay holds millions of them).
    private(set) var sent: [Int: Sent] = [:]

    struct Sent {
        var isWarmup: Bool
        var trace: Int
        var theoreticalCachedTokens: Int
    }
    /// Requests refused at send time, with when and why.
    private(set) var refused: [(request: ReplayRequest, time: Int64, reason: String)] = []
    /// The engine's counters when profiling began and at the last event of it, and the peak KV usage in between.
    private(set) var baseline: SimStatistics?
    private(set) var latest: SimStatistics?
    private(set) var kvUsagePeak = 0.0

    init(schedule: ReplaySchedule, refusal: @escaping (ReplayRequest) -> String?) {
        self.schedule = schedule
        self.refusal = refusal
    }

    mutating func start(at time: Int64) -> [SimRequest] { admit(schedule.start(at: time), at: time) }

    func nextTimer() -> Int64? { schedule.nextWakeup }

    mutating func timerFired(at time: Int64) -> [SimRequest] { admit(schedule.advance(to: time), at: time) }

    mutating func finished(request id: Int, at time: Int64) -> [SimRequest] {
        admit(schedule.finished(id: id, at: time, succeeded: true, contextOverflow: false), at: time)
    }

    var wantsStatistics: Bool { schedule.profilingStart != nil }

    mutating func receive(_ statistics: SimStatistics, at time: Int64) {
        if baseline == nil { baseline = statistics }
        latest = statistics
        kvUsagePeak = max(kvUsagePeak, statistics.kvUsage)
    }

    /// The released requests as the core's, each arriving now; refused ones answered at once.
    private mutating func admit(_ released: [ReplayRequest], at time: Int64) -> [SimRequest] {
        var queue = released, admitted: [SimRequest] = []
        while !queue.isEmpty {
            let request = queue.removeFirst()
            sent[request.id] = Sent(isWarmup: request.isWarmup, trace: request.trace, theoreticalCachedTokens: request.theoreticalCachedTokens)
            if let reason = refusal(request) {
                refused.append((request, time, reason))
                queue += schedule.finished(id: request.id, at: time, succeeded: false, contextOverflow: true)
                continue
            }
            admitted.append(
                SimRequest(
                    id: request.id, arrival: time, promptTokens: request.promptTokens, outputTokens: request.maxTokens,
                    prefixBlocks: PrefixBlocks.chain(request.blockContents)))
        }
        return admitted
    }
}
