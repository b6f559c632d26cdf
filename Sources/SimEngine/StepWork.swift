/// What one scheduler step computes on one engine instance; the performance model prices it.
public struct StepWork: Sendable, Equatable {
    /// Sequences decoding this step.
    public var decodeSequences = 0
    /// Tokens each decoding sequence runs through the model (1, or the MTP verify width).
    public var decodeTokensPerSequence = 1
    /// Sum of the decoding sequences' context lengths.
    public var decodeContextTokens = 0
    /// Prompt tokens prefilled this step, over all chunks.
    public var prefillTokens = 0
    /// Sequences with a prefill chunk this step.
    public var prefillSequences = 0
    /// Sum over prefilled tokens of their position: the attention work, quadratic in prompt length.
    public var prefillAttentionPairs: Double = 0
    /// Tokens already cached before this step's chunks (read once by chunked prefill).
    public var prefillCachedTokens = 0

    public init() {}

    /// Adds a prefill chunk of `length` tokens starting at prompt position `start`.
    public mutating func addPrefillChunk(start: Int, length: Int) {
        prefillTokens += length
        prefillSequences += 1
        prefillCachedTokens += start
        let first = Double(start), count = Double(length)
        prefillAttentionPairs += count * first + count * (count - 1) / 2
    }

    /// Tokens that pass through the model's linear layers.
    public var tokens: Int { decodeSequences * decodeTokensPerSequence + prefillTokens }
    public var isEmpty: Bool { tokens == 0 }
}

/// Where one step's time goes, in seconds.
public struct StepCost: Sendable, Equatable {
    public var compute: Double
    public var memory: Double
    public var communication: Double
    public var overhead: Double

    /// Roofline: compute and memory traffic overlap; communication and fixed costs add.
    public var seconds: Double { max(compute, memory) + communication + overhead }
}
