/// How `bench serve-sim` serves, beyond the deployment it simulates.
public struct ServerOptions: Sendable {
    public var host = "127.0.0.1"
    public var port = 0
    /// Names clients may use in `model`; the first is the one reported.
    public var servedModelNames: [String] = []
    public var seed: UInt64 = 0
    /// Tokens per SSE event (SGLang's --stream-interval).
    public var streamInterval = 1
    /// Put the server's monotonic emit and scheduled times (ns) in every SSE event.
    public var emitTimestamps = false
    /// Where to write each request's scheduled token times as JSON lines.
    public var truthLogPath: String?
    /// Mean output length when a request does not set `ignore_eos` (the seeded EOS draw).
    public var meanEOSTokens = 256.0
    public var faults = FaultOptions()
    /// When set, `/v1/*` requests need `Authorization: Bearer <key>` (vLLM's `--api-key`); 401 otherwise.
    public var apiKey: String?
    /// Open connections at once; one more is closed as soon as it is accepted.
    public var maxConnections = 10_000
    /// A connection with no request in flight and no bytes either way for this long is closed.
    public var idleSeconds: Int64 = 300
    /// Event loops the connections are spread over (the engine's scheduler runs on the first,
    /// alone in deciding every step); each writes its own connections' token events.
    public var loops = 1

    /// Request bodies over this many bytes are answered 413 (and not kept).
    public static let maxBodyBytes = 64 << 20

    public init() {}
}

/// Faults to inject, for testing the harness against a misbehaving engine.
public struct FaultOptions: Sendable, Equatable {
    /// Share of requests answered with HTTP 500.
    public var failRate = 0.0
    /// Share of streams cut halfway through.
    public var disconnectRate = 0.0
    /// Pause of a stream halfway through, in milliseconds (0: none).
    public var stallMilliseconds = 0
    /// Share of streams that stall, when a stall is set.
    public var stallRate = 1.0
    /// Share of streams with one event whose JSON is broken.
    public var malformedRate = 0.0
    /// The process exits when this many requests have been received and another arrives.
    public var crashAfterRequests: Int?

    public init() {}
}
