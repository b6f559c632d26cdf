import Metrics

/// InferenceX's agentic replay as a clock-agnostic state machine: `lanes` trajectory trees
/// (main agent plus subagents; in-flight requests may exceed the lanes during fan-out), traces
/// in a seeded order, distinct ones first, then wrapping around. Each lane starts at a main turn
/// drawn from 25–75 % of its turns and is warmed up (that turn's prompt, then N more turns, one
/// output token each); profiling starts when every warmup has finished and lasts `duration`.
///
/// The caller owns the clock: `start(at:)`, then `finished(id:at:…)` for every request it was
/// given and `advance(to:)` at `nextWakeup`. Each returns the requests due by then.
public struct ReplaySchedule: Sendable {
    public let settings: ReplaySettings
    private let plans: [ReplayPlan]
    private let order: [Int]
    private var nextSlot = 0
    private var starts = 0
    private var trees: [ReplayTree] = []
    private var inFlight: [Int: (lane: Int, stream: Int, step: Int, warmup: Bool)] = [:]
    private var nextID = 0
    public private(set) var profilingStart: Int64?
    private var profilingEnd: Int64 = .max

    public init(traces: [AgenticTrace], settings: ReplaySettings) {
        precondition(!traces.isEmpty && settings.lanes > 0, "a replay needs traces and at least one lane")
        self.settings = settings
        plans = traces.map(ReplayPlan.init)
        var random = WorkloadRandom(seed: settings.seed, stream: 4, index: 0)
        order = Array(traces.indices).shuffled(using: &random)
    }

    /// Profiling has started, nothing is in flight and nothing more will start.
    public var isDone: Bool { profilingStart != nil && inFlight.isEmpty && nextWakeup == nil }

    /// When the next pending request is due, if one will be sent.
    public var nextWakeup: Int64? {
        trees.lazy.flatMap(\.timers).map(\.at).filter { $0 < profilingEnd }.min()
    }

    public mutating func start(at time: Int64) -> [ReplayRequest] {
        precondition(trees.isEmpty, "start once")
        trees = (0..<settings.lanes).map { _ in newTree(warmed: settings.warmUp) }
        var released: [ReplayRequest] = []
        for lane in trees.indices where !trees[lane].warmups.isEmpty {
            released.append(sendWarmup(lane: lane, at: time))
        }
        if inFlight.isEmpty { released += beginProfiling(at: time) }
        return released
    }

    public mutating func advance(to time: Int64) -> [ReplayRequest] {
        releaseDue(at: time)
    }

    /// Request `id` ended at `time`. A context overflow ends its tree; any other failure does not.
    public mutating func finished(id: Int, at time: Int64, succeeded: Bool, contextOverflow: Bool) -> [ReplayRequest] {
        guard let (lane, stream, step, warmup) = inFlight.removeValue(forKey: id) else { return [] }
        if warmup {
            trees[lane].warmupCompleted(at: time)
            if !trees[lane].warmups.isEmpty { return [sendWarmup(lane: lane, at: time)] }
            return inFlight.isEmpty ? beginProfiling(at: time) : []
        }
        let plan = plans[trees[lane].trace]
        trees[lane].completed(stream: stream, step: step, at: time, contextOverflow: contextOverflow, plan: plan)
        if time >= profilingEnd { trees[lane].dropTimers() }
        if trees[lane].isDrained, time < profilingEnd {
            trees[lane] = newTree(warmed: false)
            trees[lane].beginProfiling(at: time, plan: plans[trees[lane].trace])
        }
        capTreeIdle(lane)
        var released = releaseDue(at: time)
        if inFlight.isEmpty {
            capSystemIdle(since: time)
            released += releaseDue(at: time)
        }
        return released
    }

    // MARK: lanes

    private mutating func newTree(warmed: Bool) -> ReplayTree {
        let trace = order[nextSlot % order.count], pass = nextSlot / order.count
        nextSlot += 1
        let turns = plans[trace].turns.count
        guard warmed, turns >= 2 else { return ReplayTree(trace: trace, pass: pass, plan: plans[trace], warmups: [], profileFrom: 0) }
        var random = WorkloadRandom(seed: settings.seed, stream: 5, index: UInt64(starts))
        starts += 1
        let low = Int(Double(turns) * settings.startRange.lowerBound), high = max(low, Int(Double(turns) * settings.startRange.upperBound))
        let first = min(low + Int(random.next() % UInt64(high - low + 1)), turns - 2)
        // At least one profiled turn remains after the warmups.
        let extra = max(0, min(settings.warmupOneTokenRequests, turns - 2 - first))
        return ReplayTree(trace: trace, pass: pass, plan: plans[trace], warmups: Array(first...(first + extra)), profileFrom: first + extra + 1)
    }

    private mutating func sendWarmup(lane: Int, at time: Int64) -> ReplayRequest {
        let turn = trees[lane].warmups.removeFirst()
        trees[lane].warmupSent()
        return request(lane: lane, stream: 0, step: turn, at: time, warmup: true)
    }

    private mutating func beginProfiling(at time: Int64) -> [ReplayRequest] {
        profilingStart = time
        profilingEnd = time.addingSaturated(settings.duration)
        for lane in trees.indices { trees[lane].beginProfiling(at: time, plan: plans[trees[lane].trace]) }
        for lane in trees.indices { capTreeIdle(lane) }
        capSystemIdle(since: time)
        return releaseDue(at: time)
    }

    // MARK: timers

    /// Every timer due by `time` (and before the end of profiling), earliest first.
    private mutating func releaseDue(at time: Int64) -> [ReplayRequest] {
        var due: [(at: Int64, lane: Int, index: Int)] = []
        for lane in trees.indices {
            for (index, timer) in trees[lane].timers.enumerated() where timer.at <= time && timer.at < profilingEnd {
                due.append((timer.at, lane, index))
            }
        }
        // Highest index first per lane, so removing one leaves the others' indices valid.
        let firing = due.sorted { ($0.lane, $1.index) < ($1.lane, $0.index) }.map { ($0.lane, trees[$0.lane].fire($0.index)) }
        return firing.sorted { ($0.1.at, $0.0) < ($1.1.at, $1.0) }.map { lane, timer in
            request(lane: lane, stream: timer.stream, step: timer.step, at: timer.at, warmup: false)
        }
    }

    /// A tree with nothing in flight waits at most `treeIdleCap` for its next request.
    private mutating func capTreeIdle(_ lane: Int) {
        let tree = trees[lane]
        guard tree.inFlight == 0, let earliest = tree.timers.map(\.at).min() else { return }
        let excess = earliest - tree.idleSince - settings.treeIdleCap
        if excess > 0 { trees[lane].shift(by: excess) }
    }

    /// With nothing in flight anywhere, the system waits at most `systemIdleCap`.
    private mutating func capSystemIdle(since time: Int64) {
        guard inFlight.isEmpty, let earliest = trees.lazy.flatMap(\.timers).map(\.at).min() else { return }
        let excess = earliest - time - settings.systemIdleCap
        guard excess > 0 else { return }
        for lane in trees.indices { trees[lane].shift(by: excess) }
    }

    private mutating func request(lane: Int, stream: Int, step: Int, at time: Int64, warmup: Bool) -> ReplayRequest {
        let tree = trees[lane], plan = plans[tree.trace]
        let planned = stream == 0 ? plan.turns[step] : plan.subagents[stream - 1].steps[step]
        let id = nextID
        nextID += 1
        inFlight[id] = (lane, stream, step, warmup)
        return ReplayRequest(
            id: id, sendAt: time, lane: lane, trace: tree.trace, agent: stream, turn: step, isWarmup: warmup,
            promptTokens: planned.promptTokens, maxTokens: warmup ? 1 : planned.maxTokens,
            blockContents: ReplayPrompt.blockContents(planned, seed: settings.seed, traceKey: plan.traceKey, pass: tree.pass, agent: stream, turn: step),
            theoreticalCachedTokens: planned.theoreticalCachedTokens)
    }
}
