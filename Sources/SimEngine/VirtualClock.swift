/// Runs the simulator's core on a virtual clock: no sleeping, no sockets, each event handled
/// the moment the previous one is done. Produces the same timelines as the real-time server, kept
/// compact (a step's time once for its whole batch) and expanded to one time per token on request.
public struct VirtualClock {
    public private(set) var cluster: SimCluster

    public init(cluster: SimCluster) {
        self.cluster = cluster.withoutTokenStreaming()
    }

    /// Open loop: every request arrives at its own `arrival` time.
    public mutating func run(_ requests: [SimRequest]) -> [RequestTimeline] {
        let run = runCompact(requests)
        return run.timelines.map(run.expanded)
    }

    /// `run`, compact.
    public mutating func runCompact(_ requests: [SimRequest]) -> CompactRun {
        var timelines = requests.map(CompactTimeline.init(request:))
        let position = Dictionary(requests.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for request in requests { cluster.submit(request) }
        drain(into: &timelines, position: { position[$0] }) { _, _ in nil }
        return compactRun(timelines)
    }

    /// Closed loop: `concurrency` requests in flight; each completion sends the next at once,
    /// as a benchmark client at fixed concurrency does. Shapes are (prompt, output) token counts.
    public mutating func runClosedLoop(shapes: [(prompt: Int, output: Int)], concurrency: Int, start: Int64 = 0) -> [RequestTimeline] {
        let run = runClosedLoopCompact(shapes: shapes, concurrency: concurrency, start: start)
        return run.timelines.map(run.expanded)
    }

    /// `runClosedLoop`, compact.
    public mutating func runClosedLoopCompact(shapes: [(prompt: Int, output: Int)], concurrency: Int, start: Int64 = 0) -> CompactRun {
        // Request ids are positions in `shapes`, so a timeline is found by index, not hashed.
        var timelines: [CompactTimeline] = []
        timelines.reserveCapacity(shapes.count)
        var nextIndex = 0
        func send(at time: Int64) -> SimRequest? {
            guard nextIndex < shapes.count else { return nil }
            defer { nextIndex += 1 }
            return SimRequest(id: nextIndex, arrival: time, promptTokens: shapes[nextIndex].prompt, outputTokens: shapes[nextIndex].output)
        }
        for _ in 0..<min(concurrency, shapes.count) {
            if let request = send(at: start) {
                timelines.append(CompactTimeline(request: request))
                cluster.submit(request)
            }
        }
        drain(into: &timelines, position: { $0 }) { _, time in send(at: time) }
        return compactRun(timelines)
    }

    /// Reactive: the requests come from a driver that answers each completion and its own timers, as
    /// a trace replay does (a turn is sent a recorded gap after the previous one finished). Runs until
    /// neither the cluster nor the driver has anything left; a request's timeline is found by its id.
    public mutating func runReactive<Driver: ReactiveDriver>(_ initial: [SimRequest], driver: inout Driver) -> CompactRun {
        var timelines: [CompactTimeline] = []
        var position: [Int: Int] = [:]
        func submit(_ requests: [SimRequest]) {
            for request in requests {
                position[request.id] = timelines.count
                timelines.append(CompactTimeline(request: request))
                cluster.submit(request)
            }
        }
        submit(initial)
        var notes: [DecodeNote] = [], finished: [Int] = []
        // A timer the driver did not move past when it fired is not fired again (no endless loop).
        var lastFired: Int64?
        while true {
            if driver.wantsStatistics { driver.receive(cluster.statistics, at: cluster.now) }
            let event = cluster.nextEventTime, timer = driver.nextTimer().flatMap { $0 == lastFired ? nil : $0 }
            if let timer, event.map({ timer <= $0 }) ?? true {
                lastFired = timer
                submit(driver.timerFired(at: max(timer, cluster.now)))
                continue
            }
            guard let time = event else { break }
            advance(to: time, timelines: &timelines, position: { position[$0] }, notes: &notes, finished: &finished)
            for id in finished { submit(driver.finished(request: id, at: time)) }
        }
        if driver.wantsStatistics { driver.receive(cluster.statistics, at: cluster.now) }
        return compactRun(timelines)
    }

    private func compactRun(_ timelines: [CompactTimeline]) -> CompactRun {
        CompactRun(timelines: timelines, stepLog: cluster.stepLog, seed: cluster.seed, speculative: cluster.config.speculative)
    }

    /// Advances event by event; `position` finds a request's timeline; `next` may send a
    /// follow-up request when one finishes, whose timeline goes at the end (its position).
    private mutating func drain(into timelines: inout [CompactTimeline], position: (Int) -> Int?, next: (Int, Int64) -> SimRequest?) {
        var notes: [DecodeNote] = [], finished: [Int] = []
        while let time = cluster.nextEventTime {
            advance(to: time, timelines: &timelines, position: position, notes: &notes, finished: &finished)
            for id in finished {
                guard let request = next(id, time) else { continue }
                timelines.append(CompactTimeline(request: request))
                cluster.submit(request)
            }
        }
    }

    /// Processes the events at `time` and applies each first/last-token note to its request's
    /// timeline; `finished` receives, in note order, the requests that completed (buffers reused).
    private mutating func advance(
        to time: Int64, timelines: inout [CompactTimeline], position: (Int) -> Int?, notes: inout [DecodeNote], finished: inout [Int]
    ) {
        notes.removeAll(keepingCapacity: true)
        finished.removeAll(keepingCapacity: true)
        cluster.advance(until: time, into: &notes)
        for note in notes {
            let id: Int
            switch note {
            case let .first(request, _, _), let .last(request, _, _, _): id = request
            }
            guard let index = position(id), timelines.indices.contains(index) else { continue }
            timelines[index].apply(note)
            if timelines[index].finished { finished.append(id) }
        }
    }
}

/// What `VirtualClock.runReactive` asks: the driver's next timer, what it sends when the timer
/// fires, and what it sends when a request finishes. Requests it returns arrive at their own
/// `arrival`, never before the time it was called at.
public protocol ReactiveDriver {
    func nextTimer() -> Int64?
    mutating func timerFired(at time: Int64) -> [SimRequest]
    mutating func finished(request id: Int, at time: Int64) -> [SimRequest]
    /// While true, the driver is handed the engine's counters before every event (a measured phase).
    var wantsStatistics: Bool { get }
    mutating func receive(_ statistics: SimStatistics, at time: Int64)
}

extension ReactiveDriver {
    public var wantsStatistics: Bool { false }
    public mutating func receive(_ statistics: SimStatistics, at time: Int64) {}
}
