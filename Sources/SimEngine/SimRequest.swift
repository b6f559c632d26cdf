/// One request as the scheduler sees it. Its output length is decided before it arrives
/// (by `max_tokens`, or the seeded EOS draw), so both clocks replay it identically.
public struct SimRequest: Sendable, Hashable, Codable {
    public var id: Int
    /// Nanoseconds since the engine's epoch.
    public var arrival: Int64
    public var promptTokens: Int
    public var outputTokens: Int
    /// Chained keys of the prompt's 64-token blocks (`PrefixBlocks`); empty: nothing to match or cache.
    public var prefixBlocks: [UInt64]

    public init(id: Int, arrival: Int64, promptTokens: Int, outputTokens: Int, prefixBlocks: [UInt64] = []) {
        self.id = id
        self.arrival = arrival
        self.promptTokens = promptTokens
        self.outputTokens = outputTokens
        self.prefixBlocks = prefixBlocks
    }
}

/// Tokens that became available for one request at the end of a step.
public struct TokenEmission: Sendable, Equatable {
    public var requestID: Int
    /// Nanoseconds since the engine's epoch: the scheduled time, which the real-time server aims for.
    public var time: Int64
    public var tokens: Int
    public var isFirst: Bool
    public var finished: Bool
}

/// Every token's scheduled time for one request: the simulator's ground truth.
public struct RequestTimeline: Sendable, Equatable, Codable {
    public var id: Int
    public var arrival: Int64
    public var promptTokens: Int
    public var outputTokens: Int
    /// One entry per output token (tokens of one step share its time).
    public var tokenTimes: [Int64]

    public init(request: SimRequest) {
        id = request.id
        arrival = request.arrival
        promptTokens = request.promptTokens
        outputTokens = request.outputTokens
        tokenTimes = []
        tokenTimes.reserveCapacity(request.outputTokens)
    }

    public var firstTokenTime: Int64? { tokenTimes.first }
    public var finished: Bool { tokenTimes.count >= outputTokens }

    public mutating func record(_ emission: TokenEmission) {
        for _ in 0..<emission.tokens { tokenTimes.append(emission.time) }
    }
}
