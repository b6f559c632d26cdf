/// Runs the simulator's core on a virtual clock: no sleeping, no sockets, each event handled
/// the moment the previous one is done. Produces the same timelines as the real-time server.
public struct VirtualClock {
    public private(set) var cluster: SimCluster

    public init(cluster: SimCluster) {
        self.cluster = cluster
    }

    /// Open loop: every request arrives at its own `arrival` time.
    public mutating func run(_ requests: [SimRequest]) -> [RequestTimeline] {
        var timelines: [Int: RequestTimeline] = [:]
        for request in requests {
            timelines[request.id] = RequestTimeline(request: request)
            cluster.submit(request)
        }
        drain(into: &timelines) { _, _ in nil }
        return requests.compactMap { timelines[$0.id] }
    }

    /// Closed loop: `concurrency` requests in flight; each completion sends the next at once,
    /// as a benchmark client at fixed concurrency does. Shapes are (prompt, output) token counts.
    public mutating func runClosedLoop(shapes: [(prompt: Int, output: Int)], concurrency: Int, start: Int64 = 0) -> [RequestTimeline] {
        var timelines: [Int: RequestTimeline] = [:]
        var nextIndex = 0
        func send(at time: Int64) -> SimRequest? {
            guard nextIndex < shapes.count else { return nil }
            defer { nextIndex += 1 }
            return SimRequest(id: nextIndex, arrival: time, promptTokens: shapes[nextIndex].prompt, outputTokens: shapes[nextIndex].output)
        }
        for _ in 0..<min(concurrency, shapes.count) {
            if let request = send(at: start) {
                timelines[request.id] = RequestTimeline(request: request)
                cluster.submit(request)
            }
        }
        drain(into: &timelines) { _, time in send(at: time) }
        return (0..<shapes.count).compactMap { timelines[$0] }
    }

    /// Advances event by event; `next` may return a follow-up request when one finishes.
    private mutating func drain(into timelines: inout [Int: RequestTimeline], next: (Int, Int64) -> SimRequest?) {
        var emissions: [TokenEmission] = []
        while let time = cluster.nextEventTime {
            emissions.removeAll(keepingCapacity: true)
            cluster.advance(until: time, into: &emissions)
            for emission in emissions {
                timelines[emission.requestID]?.record(emission)
                if emission.finished, let request = next(emission.requestID, emission.time) {
                    timelines[request.id] = RequestTimeline(request: request)
                    cluster.submit(request)
                }
            }
        }
    }
}
