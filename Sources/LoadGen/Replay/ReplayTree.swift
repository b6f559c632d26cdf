/// One lane's live trajectory tree: the main agent's turns and the subagents they spawn, with
/// the timers of what is due next. Pure state; `ReplaySchedule` drives it.
struct ReplayTree: Sendable {
    /// A pending send: stream 0 is the main agent, stream s + 1 subagent s.
    struct Timer: Sendable, Equatable {
        var at: Int64
        var stream: Int
        var step: Int
    }

    let trace: Int
    /// How many times this trace was started before (block contents differ per pass).
    let pass: Int
    /// Main turns sent as one-token warmups, in order, before profiling.
    var warmups: [Int]
    /// The first profiled main turn.
    let profileFrom: Int

    private(set) var nextTurn: Int
    private var mainBusy = false
    private var mainDoneAt: Int64 = 0
    private var subagentNext: [Int]
    private var subagentDoneAt: [Int64?]
    /// Subagents of the warmed-up past are not replayed.
    private var included: [Bool]
    private(set) var timers: [Timer] = []
    private(set) var inFlight = 0
    private(set) var idleSince: Int64 = 0
    /// A context overflow ends the tree: its later turns only grow.
    private(set) var isCut = false

    init(trace: Int, pass: Int, plan: ReplayPlan, warmups: [Int], profileFrom: Int) {
        self.trace = trace
        self.pass = pass
        self.warmups = warmups
        self.profileFrom = profileFrom
        nextTurn = profileFrom
        subagentNext = Array(repeating: 0, count: plan.subagents.count)
        subagentDoneAt = Array(repeating: nil, count: plan.subagents.count)
        included = plan.subagents.map { $0.spawnAfter >= profileFrom - 1 }
    }

    var isDrained: Bool { inFlight == 0 && timers.isEmpty }

    /// Profiling starts at `time` as if main turn `profileFrom - 1` had just completed.
    mutating func beginProfiling(at time: Int64, plan: ReplayPlan) {
        idleSince = time
        mainCompleted(turn: profileFrom - 1, at: time, plan: plan)
    }

    mutating func warmupSent() {
        inFlight += 1
    }

    /// Takes the timer at `index` and marks what it sends as in flight: (stream, step).
    mutating func fire(_ index: Int) -> Timer {
        let timer = timers.remove(at: index)
        if timer.stream == 0 {
            nextTurn += 1
            mainBusy = true
        } else {
            subagentNext[timer.stream - 1] = timer.step + 1
        }
        inFlight += 1
        return timer
    }

    mutating func completed(stream: Int, step: Int, at time: Int64, contextOverflow: Bool, plan: ReplayPlan) {
        inFlight -= 1
        if inFlight == 0 { idleSince = time }
        if contextOverflow {
            isCut = true
            timers.removeAll()
        }
        if stream == 0 {
            mainBusy = false
            mainCompleted(turn: step, at: time, plan: plan)
        } else {
            let subagent = stream - 1, steps = plan.subagents[subagent].steps
            if step + 1 < steps.count {
                add(Timer(at: time.addingSaturated(steps[step + 1].gap), stream: stream, step: step + 1))
            } else {
                subagentDoneAt[subagent] = time
                scheduleMainTurn(plan: plan)
            }
        }
    }

    /// Warmup turns are sent back to back with no idle time; this one finished.
    mutating func warmupCompleted(at time: Int64) {
        inFlight -= 1
        if inFlight == 0 { idleSince = time }
    }

    /// Moves every pending timer `amount` earlier (an idle cap).
    mutating func shift(by amount: Int64) {
        for index in timers.indices { timers[index].at -= amount }
    }

    mutating func dropTimers() {
        timers.removeAll()
    }

    private mutating func mainCompleted(turn: Int, at time: Int64, plan: ReplayPlan) {
        mainDoneAt = time
        for (index, subagent) in plan.subagents.enumerated() where included[index] && subagent.spawnAfter == turn {
            add(Timer(at: time.addingSaturated(subagent.steps[0].gap), stream: index + 1, step: 0))
        }
        scheduleMainTurn(plan: plan)
    }

    /// The next main turn is due its gap after the last of its dependencies: the previous turn
    /// and the subagents it joins.
    private mutating func scheduleMainTurn(plan: ReplayPlan) {
        guard !isCut, !mainBusy, nextTurn < plan.turns.count, !timers.contains(where: { $0.stream == 0 }) else { return }
        var ready = mainDoneAt
        for subagent in plan.joins[nextTurn] where included[subagent] {
            guard let done = subagentDoneAt[subagent] else { return }
            ready = max(ready, done)
        }
        add(Timer(at: ready.addingSaturated(plan.turns[nextTurn].gap), stream: 0, step: nextTurn))
    }

    private mutating func add(_ timer: Timer) {
        guard !isCut else { return }
        timers.append(timer)
    }
}
