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

    private func compactRun(_ timelines: [CompactTimeline]) -> CompactRun {
        CompactRun(timelines: timelines, stepLog: cluster.stepLog, seed: cluster.seed, speculative: cluster.config.speculative)
    }

    /// Advances event by event; `position` finds a request's timeline; `next` may send a
    /// follow-up request when one finishes, whose timeline goes at the end (its position).
    private mutating func drain(into timelines: inout [CompactTimeline], position: (Int) -> Int?, next: (Int, Int64) -> SimRequest?) {
        var notes: [DecodeNote] = []
        while let time = cluster.nextEventTime {
            notes.removeAll(keepingCapacity: true)
            cluster.advance(until: time, into: &notes)
            for note in notes {
                let id: Int
                switch note {
                case let .first(request, _, _), let .last(request, _, _, _): id = request
                }
                guard let index = position(id), timelines.indices.contains(index) else { continue }
                timelines[index].apply(note)
                if timelines[index].finished, let request = next(id, time) {
                    timelines.append(CompactTimeline(request: request))
                    cluster.submit(request)
                }
            }
        }
    }
}
