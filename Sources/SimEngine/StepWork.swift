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
    /// Most context tokens a sparse-attention model's attention proper reads per query (0: none).
    public let attentionWindow: Int
    /// Sum over decoding sequences of min(context, attentionWindow).
    public var decodeWindowedContextTokens = 0
    /// Sum over prefilled tokens of min(position, attentionWindow).
    public var prefillWindowedPairs: Double = 0

    public init(attentionWindow: Int = 0) {
        self.attentionWindow = attentionWindow
    }

    /// Adds a decoding sequence whose context holds `context` tokens.
    public mutating func addDecodingSequence(context: Int) {
        decodeSequences += 1
        decodeContextTokens += context
        decodeWindowedContextTokens += min(context, attentionWindow)
    }

    /// Adds a whole decoding batch at once: its size, total context and windowed context.
    public mutating func addDecodingBatch(sequences: Int, contextTokens: Int, windowedContextTokens: Int) {
        decodeSequences += sequences
        decodeContextTokens += contextTokens
        decodeWindowedContextTokens += windowedContextTokens
    }

    /// Adds a prefill chunk of `length` tokens starting at prompt position `start`.
    public mutating func addPrefillChunk(start: Int, length: Int) {
        prefillTokens += length
        prefillSequences += 1
        prefillCachedTokens += start
        prefillAttentionPairs += Self.positionSum(from: start, to: start + length)
        // Positions below the window see all earlier tokens; the rest see the window.
        let end = start + length, belowWindow = min(end, attentionWindow)
        prefillWindowedPairs +=
            (belowWindow > start ? Self.positionSum(from: start, to: belowWindow) : 0)
            + Double(attentionWindow) * Double(end - max(start, belowWindow))
    }

    /// start + (start + 1) + ... + (end - 1).
    private static func positionSum(from start: Int, to end: Int) -> Double {
        let first = Double(start), count = Double(end - start)
        return count * first + count * (count - 1) / 2
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
    /// The least time the step's layer passes take (EfficiencySpec.layerFloorUs).
    public var floor: Double = 0

    /// Roofline: compute and memory traffic overlap, never below the layers' floor; communication
    /// and fixed costs add.
    public var seconds: Double { max(compute, memory, floor) + communication + overhead }
}
