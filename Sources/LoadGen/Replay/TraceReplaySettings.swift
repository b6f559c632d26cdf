import Metrics

/// Everything one `bench load --traces` run needs.
public struct TraceReplaySettings: Sendable {
    public var target: LoadTarget
    public var model: String
    public var traces: [AgenticTrace]
    public var replay: ReplaySettings
    /// Per request, from send to the response's end.
    public var timeoutSeconds: Double
    /// The model's vocabulary size when below 31000: prompt ids are drawn below it.
    public var vocabularySize: Int?
    /// Sent as `Authorization: Bearer`; never stored or printed.
    public var apiKey: String?

    public init(
        target: LoadTarget, model: String, traces: [AgenticTrace], replay: ReplaySettings, timeoutSeconds: Double = 1800,
        vocabularySize: Int? = nil, apiKey: String? = nil
    ) {
        self.target = target
        self.model = model
        self.traces = traces
        self.replay = replay
        self.timeoutSeconds = timeoutSeconds
        self.vocabularySize = vocabularySize
        self.apiKey = apiKey
    }
}

/// One profiled request of a replay: its measurement and where it sits in its trace.
public struct ReplayedRequest: Sendable {
    public var measured: MeasuredRequest
    public var lane: Int
    public var trace: Int
    /// 0: the main agent; k: subagent k.
    public var agent: Int
    public var turn: Int
    public var theoreticalCachedTokens: Int
    /// Refused for its length (HTTP 400 saying so); also a failure in `measured`.
    public var contextOverflow: Bool
}

/// What a replay measured: profiled requests in send order (warmups left out) and the rest.
public struct TraceReplayOutcome: Sendable {
    public var requests: [ReplayedRequest]
    public var warmups: Int
    public var warmupFailures: Int
    /// In flight when the run was stopped and cut after the grace period; not in `requests`.
    public var interrupted: Int
    /// The most profiled requests in flight at once (may exceed the lanes during fan-out).
    public var peakInFlight: Int

    public var contextOverflows: Int { requests.count(where: \.contextOverflow) }

    /// Theoretical cached over prompt tokens of the profiled requests (InferenceX's theoretical hit rate).
    public var theoreticalHitRate: Double? {
        let prompt = requests.reduce(0) { $0 + $1.measured.intendedPromptTokens }
        return prompt > 0 ? Double(requests.reduce(0) { $0 + $1.theoreticalCachedTokens }) / Double(prompt) : nil
    }
}
