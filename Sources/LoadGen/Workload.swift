/// What each request asks for: InferenceX's random dataset. ISL and OSL are each drawn uniformly
/// from [⌊R·L⌋, L] (R = the range ratio); prompts are token ids for `/v1/completions` (exact
/// length, no tokenizer needed) or text of one-token words for chat; output length is forced.
public struct Workload: Sendable, Equatable {
    public enum Endpoint: String, Sendable, CaseIterable {
        case completions, chat
    }

    public var endpoint: Endpoint
    public var model: String
    public var inputLength: Int
    public var outputLength: Int
    public var rangeRatio: Double
    public var seed: UInt64
    /// The model's vocabulary size when it is small: prompt ids are then drawn below it. nil: ids
    /// 1000–30999, inside every common vocabulary (32k and up).
    public var vocabularySize: Int?

    public init(
        endpoint: Endpoint, model: String, inputLength: Int, outputLength: Int, rangeRatio: Double = 1, seed: UInt64 = 0,
        vocabularySize: Int? = nil
    ) {
        self.vocabularySize = vocabularySize
        self.endpoint = endpoint
        self.model = model
        self.inputLength = inputLength
        self.outputLength = outputLength
        self.rangeRatio = rangeRatio
        self.seed = seed
    }

    /// Request `index`: warmups and measured requests draw from separate streams.
    public func request(_ index: Int, warmup: Bool = false) -> PlannedRequest {
        var random = WorkloadRandom(seed: seed, stream: warmup ? 1 : 0, index: UInt64(index))
        let input = Self.draw(inputLength, rangeRatio, &random)
        let output = Self.draw(outputLength, rangeRatio, &random)
        let prompt: PlannedRequest.Prompt
        switch endpoint {
        case .completions:
            let (first, span) = tokenIDRange
            prompt = .tokenIDs((0..<input).map { _ in first + Int(random.next() % UInt64(span)) })
        case .chat:
            let words = max(1, input - Self.chatTemplateTokens)
            prompt = .text((0..<words).map { _ in Self.words[Int(random.next() % UInt64(Self.words.count))] }.joined(separator: " "))
        }
        return PlannedRequest(index: index, prompt: prompt, promptTokens: input, outputTokens: output)
    }

    /// The first prompt id and how many follow it: 1000 + 30000 by default; with a vocabulary
    /// size V, the top nine tenths of it (special tokens sit at the bottom of the usual vocabularies).
    var tokenIDRange: (first: Int, span: Int) { Self.tokenIDRange(vocabularySize: vocabularySize) }

    static func tokenIDRange(vocabularySize: Int?) -> (first: Int, span: Int) {
        guard let vocabularySize, vocabularySize < Self.firstTokenID + Self.tokenIDSpan else { return (Self.firstTokenID, Self.tokenIDSpan) }
        let first = min(Self.firstTokenID, max(1, vocabularySize / 10))
        return (first, max(1, vocabularySize - first))
    }

    /// ⌊R·L⌋…L inclusive, never below 1.
    static func draw(_ length: Int, _ ratio: Double, _ random: inout WorkloadRandom) -> Int {
        let low = max(1, Int((ratio * Double(length)).rounded(.down)))
        guard length > low else { return max(1, length) }
        return low + Int(random.next() % UInt64(length - low + 1))
    }

    /// Ids well inside every common vocabulary (32k and up), clear of the special tokens at the bottom.
    static let firstTokenID = 1000
    static let tokenIDSpan = 30000
    /// What a one-user-message chat costs beyond its words under the simulated engine's documented
    /// rule (4 per message + 3 for the reply header); real templates differ, so the server's
    /// usage.prompt_tokens is what gets recorded, and any mismatch is reported.
    static let chatTemplateTokens = 7
    /// Short common words: one token under the simulated engine's rule and in the usual BPE vocabularies.
    static let words = [
        "the", "of", "and", "to", "in", "is", "it", "for", "on", "as", "at", "by", "we", "be",
        "or", "an", "was", "are", "you", "not", "can", "all", "one", "has", "but", "new",
    ]
}

/// One request of the workload.
public struct PlannedRequest: Sendable, Equatable {
    public enum Prompt: Sendable, Equatable {
        case tokenIDs([Int])
        case text(String)
    }

    public var index: Int
    public var prompt: Prompt
    /// The intended prompt length in tokens.
    public var promptTokens: Int
    /// Forced with max_tokens = min_tokens and ignore_eos.
    public var outputTokens: Int
}
