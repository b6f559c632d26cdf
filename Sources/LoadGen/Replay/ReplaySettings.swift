/// How a trace replay runs (InferenceX's AgentX procedure). Times are nanoseconds.
public struct ReplaySettings: Sendable, Equatable {
    /// Concurrent trajectory trees (InferenceX's `conc`).
    public var lanes: Int
    /// The profiling phase's length: nothing new starts after it; what is in flight finishes.
    public var duration: Int64
    /// Trace order, start turns and block contents.
    public var seed: UInt64
    /// Warm each lane before profiling: its start turn's prompt, then this many more turns, each
    /// with one output token. false: every lane starts at turn 0 and profiling starts at once.
    public var warmUp: Bool
    /// InferenceX's `--warmup-requests-per-lane` (10; 1 in its fast mode).
    public var warmupOneTokenRequests: Int
    /// Where each lane starts, as a fraction of its main turns (InferenceX: 25–75 %).
    public var startRange: ClosedRange<Double>
    /// A trajectory tree idle longer than this (nothing of it in flight) has its pending
    /// requests moved earlier together (InferenceX: 300 s).
    public var treeIdleCap: Int64
    /// The same for the whole system with nothing in flight anywhere (AIPerf's AgentX scenario: 10 s).
    public var systemIdleCap: Int64

    public init(
        lanes: Int, duration: Int64, seed: UInt64 = 42, warmUp: Bool = true, warmupOneTokenRequests: Int = 10,
        startRange: ClosedRange<Double> = 0.25...0.75, treeIdleCap: Int64 = 300_000_000_000, systemIdleCap: Int64 = 10_000_000_000
    ) {
        self.lanes = lanes
        self.duration = duration
        self.seed = seed
        self.warmUp = warmUp
        self.warmupOneTokenRequests = warmupOneTokenRequests
        self.startRange = startRange
        self.treeIdleCap = treeIdleCap
        self.systemIdleCap = systemIdleCap
    }
}

/// One request the replay sends.
public struct ReplayRequest: Sendable, Equatable {
    public var id: Int
    /// When it is due (ns, the caller's clock); never after the call that released it.
    public var sendAt: Int64
    public var lane: Int
    /// Index of its trace in the schedule's traces.
    public var trace: Int
    /// 0: the main agent; k: the trace's k-th subagent (1-based).
    public var agent: Int
    /// The request's index within its agent.
    public var turn: Int
    /// A warmup: one output token, left out of every metric.
    public var isWarmup: Bool
    public var promptTokens: Int
    /// The recorded output length (`out`, at least 1), forced with ignore_eos; 1 for warmups.
    public var maxTokens: Int
    /// A content id per 64-token block of the prompt (the last may be partial): the same id, the
    /// same 64 token ids, so any engine's prefix cache sees exactly the trace's sharing.
    public var blockContents: [UInt64]
    /// Prompt tokens an infinite prefix cache would hold (AIPerf's theoretical prefix hits × 64).
    public var theoreticalCachedTokens: Int
}
