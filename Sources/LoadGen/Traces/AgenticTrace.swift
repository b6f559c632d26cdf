/// One agentic coding session in the Weka trace format InferenceX replays (one JSON object per
/// line of a trace file): the main agent's requests in order, with subagent groups among them.
/// Hash ids name 64-token KV blocks; they are local to a trace and shared by its subagents.
public struct AgenticTrace: Sendable, Equatable {
    public var id: String
    /// Tokens per hash id; the format (and bench) uses 64.
    public var blockSize: Int
    public var entries: [TraceEntry]

    public init(id: String, blockSize: Int = AgenticTrace.blockSize, entries: [TraceEntry]) {
        self.id = id
        self.blockSize = blockSize
        self.entries = entries
    }

    public static let blockSize = 64

    /// The main agent's requests (`n`/`s` entries), in order.
    public var mainTurns: [TraceRequest] {
        entries.compactMap { if case .request(let request) = $0 { request } else { nil } }
    }

    public var subagents: [TraceSubagent] {
        entries.compactMap { if case .subagent(let subagent) = $0 { subagent } else { nil } }
    }
}

public enum TraceEntry: Sendable, Equatable {
    case request(TraceRequest)
    case subagent(TraceSubagent)
}

/// One model request. Times are seconds; `t` is from the session's start.
public struct TraceRequest: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case normal = "n"
        case streaming = "s"
    }

    public var type: Kind
    public var t: Double
    public var inputTokens: Int
    public var outputTokens: Int
    public var hashIDs: [Int]
    /// Server time of the recorded request.
    public var apiTime: Double?
    /// Recorded gap from the previous request's end (any agent's) to this request's start.
    public var thinkTime: Double?
    /// Recorded time to first token (streaming requests).
    public var ttft: Double?

    public init(
        type: Kind = .normal, t: Double, inputTokens: Int, outputTokens: Int, hashIDs: [Int], apiTime: Double? = nil,
        thinkTime: Double? = nil, ttft: Double? = nil
    ) {
        self.type = type
        self.t = t
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.hashIDs = hashIDs
        self.apiTime = apiTime
        self.thinkTime = thinkTime
        self.ttft = ttft
    }

    /// Recorded end: `t + api_time` (a missing api_time counts as zero).
    public var end: Double { t + max(apiTime ?? 0, 0) }
}

/// A subagent group: its own requests, spawned by the main agent. Their `t` are on the
/// session's timeline (the reader converts the older subagent-relative form).
public struct TraceSubagent: Sendable, Equatable {
    public var agentID: String
    public var t: Double
    public var requests: [TraceRequest]

    public init(agentID: String, t: Double, requests: [TraceRequest]) {
        self.agentID = agentID
        self.t = t
        self.requests = requests
    }

    /// Recorded end: the latest end of its requests.
    public var end: Double { requests.map(\.end).max() ?? t }
}
