/// One measured request, as the client saw it: everything the metrics need and nothing more.
/// Times are nanoseconds on one monotonic clock (docs/metrics.md).
public struct RequestRecord: Sendable, Codable, Equatable {
    /// An SSE event that carried output tokens: when its first byte arrived, and how many it carried.
    public struct TokenEvent: Sendable, Codable, Equatable {
        public var time: Int64
        public var tokens: Int

        public init(time: Int64, tokens: Int) {
            self.time = time
            self.tokens = tokens
        }
    }

    /// Where N, the output token count, came from.
    public enum OutputCountSource: String, Sendable, Codable {
        case usage, events
    }

    public var index: Int
    /// Just before the request's bytes were written.
    public var start: Int64
    /// The last byte of the response, or the moment the request failed.
    public var end: Int64
    public var promptTokens: Int
    public var requestedOutputTokens: Int
    public var events: [TokenEvent]
    /// The server's `usage.completion_tokens`, when it sent one.
    public var usageCompletionTokens: Int?
    public var error: RequestError?

    public init(
        index: Int, start: Int64, end: Int64, promptTokens: Int, requestedOutputTokens: Int,
        events: [TokenEvent], usageCompletionTokens: Int? = nil, error: RequestError? = nil
    ) {
        self.index = index
        self.start = start
        self.end = end
        self.promptTokens = promptTokens
        self.requestedOutputTokens = requestedOutputTokens
        self.events = events
        self.usageCompletionTokens = usageCompletionTokens
        self.error = error
    }

    public var succeeded: Bool { error == nil && !events.isEmpty }

    /// N: the server's usage count when sent, else the tokens the events carried.
    public var outputTokens: Int { usageCompletionTokens ?? eventTokens }
    public var outputCountSource: OutputCountSource { usageCompletionTokens == nil ? .events : .usage }
    /// Tokens counted from the events, for checking against usage and the requested length.
    public var eventTokens: Int { events.reduce(0) { $0.addingSaturated($1.tokens) } }

    /// TTFT, TPOT and E2EL, as `RequestSummary` defines them.
    public var ttft: Double? { RequestSummary(self).ttft }
    public var e2el: Double? { RequestSummary(self).e2el }
    public var tpot: Double? { RequestSummary(self).tpot }

    /// Per token: each event's gap to the previous one, divided evenly over the tokens it carries.
    public var interTokenLatencies: [Double] {
        var result: [Double] = []
        result.reserveCapacity(eventTokens)
        for (previous, event) in zip(events, events.dropFirst()) {
            let tokens = max(event.tokens, 1)
            let share = seconds(event.time - previous.time) / Double(tokens)
            for _ in 0..<tokens { result.append(share) }
        }
        return result
    }

    /// Raw gaps between consecutive events.
    public var interChunkLatencies: [Double] {
        zip(events, events.dropFirst()).map { seconds($1.time - $0.time) }
    }

    private func seconds(_ nanoseconds: Int64) -> Double { Double(nanoseconds) / 1e9 }
}

/// Why a request failed; failed requests stay in the totals with their error.
public struct RequestError: Sendable, Codable, Equatable, Error {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The server answered with a non-2xx status.
        case http
        /// Refused, reset or closed before the response ended.
        case connection
        /// No complete response within the per-request timeout.
        case timeout
        /// An SSE event that is not valid JSON, or a body that is not the expected shape.
        case malformed
        /// The stream ended ([DONE] or close) with fewer tokens than forced by min_tokens.
        case incomplete
        /// The response went over one of the load generator's limits (docs/reliability.md) and was cut.
        case limit
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}
