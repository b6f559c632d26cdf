import LoadGen
import Metrics
import SimServer

/// What `bench perf client` reports for one concurrency and loop count: the client's latency
/// share, events received per second, its CPU per event (all loops and the busiest), its
/// per-chunk ITL error against the simulated engine's own emit times, and that server's emission lag.
public struct ClientFigures: Sendable {
    public let concurrency: Int
    public let succeeded: Int
    public let failed: Int
    public let outputTokens: Int
    public let peakInFlight: Int
    public let cpuSeconds: Double
    /// Request written − start and event arrival − emit, seconds.
    public let share: Distribution?
    public let itlError: Distribution?
    /// Client event loops the streams were spread over.
    public let loops: Int
    /// Token events received (every request), and over how long: first start to last end, seconds.
    public let events: Int
    public let elapsedSeconds: Double
    /// Per loop, CPU seconds per event it received (request k was on loop k mod loops).
    public let loopCPUPerEvent: [Double]
    /// The in-process server's actual − scheduled write times over the run (nil against a URL).
    public let lag: EmitLag?

    public init(outcome: LoadOutcome, concurrency: Int, lag: EmitLag?) {
        let requests = outcome.requests.filter(\.record.succeeded)
        self.concurrency = concurrency
        succeeded = requests.count
        failed = outcome.requests.count - requests.count
        outputTokens = requests.reduce(0) { $0 + $1.record.outputTokens }
        peakInFlight = outcome.peakInFlight
        cpuSeconds = outcome.clientCPUSeconds
        loops = outcome.loopCPUSeconds.count
        var loopEvents = [Int](repeating: 0, count: max(1, loops))
        for request in outcome.requests { loopEvents[request.record.index % loopEvents.count] += request.record.events.count }
        events = loopEvents.reduce(0, +)
        loopCPUPerEvent = zip(outcome.loopCPUSeconds, loopEvents).map { $0 / Double(max(1, $1)) }
        let starts = outcome.requests.map(\.record.start), ends = outcome.requests.map(\.record.end)
        elapsedSeconds = Double((ends.max() ?? 0) - (starts.min() ?? 0)) / 1e9
        self.lag = lag
        share = Distribution(requests.compactMap(\.sendLatency) + requests.flatMap(\.receiveLags))
        itlError = Distribution(
            requests.flatMap { request -> [Double] in
                request.serverEmitTimes.map { Self.itlErrors(client: request.record.events.map(\.time), server: $0) } ?? []
            })
    }

    /// Per chunk, seconds: |each client gap − the server's gap between the same two events|.
    static func itlErrors(client: [Int64], server: [Int64]) -> [Double] {
        guard client.count == server.count, client.count > 1 else { return [] }
        return (1..<client.count).map { (index: Int) -> Double in
            let clientGap: Int64 = client[index] - client[index - 1]
            let serverGap: Int64 = server[index] - server[index - 1]
            return Double(abs(clientGap - serverGap)) / 1e9
        }
    }

    public var eventsPerSecond: Double { elapsedSeconds > 0 ? Double(events) / elapsedSeconds : 0 }
    public var cpuPerEvent: Double { cpuSeconds / Double(max(1, events)) }

    public var cpuPerMillionTokens: Double { outputTokens > 0 ? cpuSeconds / Double(outputTokens) * 1e6 : .infinity }

    /// Each target with whether it is met.
    public var targets: [(name: String, met: Bool)] {
        [
            ("client share p50 ≤ 0.1 ms", (share?.median ?? 1) <= 0.0001),
            ("client share p99 ≤ 1 ms", (share?.p99 ?? 1) <= 0.001),
            ("every stream open at once", peakInFlight == concurrency),
            ("≤ 8 CPU-s per 1M tokens", cpuPerMillionTokens <= 8),
        ]
    }
}
