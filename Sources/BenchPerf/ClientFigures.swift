import LoadGen
import Metrics

/// What `bench perf client` reports for one concurrency: the client's latency share, its CPU per
/// token and its per-chunk ITL error against the simulated engine's own emit times.
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

    public init(outcome: LoadOutcome, concurrency: Int) {
        let requests = outcome.requests.filter(\.record.succeeded)
        self.concurrency = concurrency
        succeeded = requests.count
        failed = outcome.requests.count - requests.count
        outputTokens = requests.reduce(0) { $0 + $1.record.outputTokens }
        peakInFlight = outcome.peakInFlight
        cpuSeconds = outcome.clientCPUSeconds
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
