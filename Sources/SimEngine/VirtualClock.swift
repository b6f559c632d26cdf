/// Runs the simulator's core on a virtual clock: no sleeping, no sockets, each event handled
/// the moment the previous one is done. Produces the same timelines as the real-time server.
public struct VirtualClock {
    public private(set) var cluster: SimCluster

    public init(cluster: SimCluster) {
        self.cluster = cluster
    }

    /// Open loop: every request arrives at its own `arrival` time.
    public mutating func run(_ requests: [SimRequest]) -> [RequestTimeline] {
        var timelines = requests.map(RequestTimeline.init(request:))
        let position = Dictionary(requests.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for request in requests { cluster.submit(request) }
        drain(into: &timelines, position: { position[$0] }) { _, _ in nil }
        return timelines
    }

    /// Closed loop: `concurrency` requests in flight; each completion sends the next at once,
    /// as a benchmark client at fixed concurrency does. Shapes are (prompt, output) token counts.
    public mutating func runClosedLoop(shapes: [(prompt: Int, output: Int)], concurrency: Int, start: Int64 = 0) -> [RequestTimeline] {
        // Request ids are positions in `shapes`, so a timeline is found by index, not hashed.
        var timelines: [RequestTimeline] = []
        timelines.reserveCapacity(shapes.count)
        var nextIndex = 0
        func send(at time: Int64) -> SimRequest? {
            guard nextIndex < shapes.count else { return nil }
            defer { nextIndex += 1 }
            return SimRequest(id: nextIndex, arrival: time, promptTokens: shapes[nextIndex].prompt, outputTokens: shapes[nextIndex].output)
        }
        for _ in 0..<min(concurrency, shapes.count) {
            if let request = send(at: start) {
                timelines.append(RequestTimeline(request: request))
                cluster.submit(request)
            }
        }
        drain(into: &timelines, position: { $0 }) { _, time in send(at: time) }
        return timelines
    }

    /// Advances event by event; `position` finds a request's timeline; `next` may send a
    /// follow-up request when one finishes, whose timeline goes at the end (its position).
    private mutating func drain(into timelines: inout [RequestTimeline], position: (Int) -> Int?, next: (Int, Int64) -> SimRequest?) {
        var emissions: [TokenEmission] = []
        while let time = cluster.nextEventTime {
            emissions.removeAll(keepingCapacity: true)
            cluster.advance(until: time, into: &emissions)
            for emission in emissions {
                if let index = position(emission.requestID), timelines.indices.contains(index) { timelines[index].record(emission) }
                if emission.finished, let request = next(emission.requestID, emission.time) {
                    timelines.append(RequestTimeline(request: request))
                    cluster.submit(request)
                }
            }
        }
    }
}
