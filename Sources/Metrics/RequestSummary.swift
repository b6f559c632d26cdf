/// One request reduced to what a point's metrics need besides the pooled inter-token gaps: from a
/// measured record, or from the simulator's compact timelines, which keep no per-token list.
public struct RequestSummary: Sendable, Equatable {
    public var start: Int64
    public var end: Int64
    public var promptTokens: Int
    public var requestedOutputTokens: Int
    /// N, as `RequestRecord.outputTokens` counts it.
    public var outputTokens: Int
    public var usageCounted: Bool
    /// The first and the last event with output tokens; nil when none arrived.
    public var firstToken: Int64?
    public var lastToken: Int64?
    /// nil when the request succeeded.
    public var failure: RequestError.Kind?

    public init(
        start: Int64, end: Int64, promptTokens: Int, requestedOutputTokens: Int, outputTokens: Int, usageCounted: Bool,
        firstToken: Int64?, lastToken: Int64?, failure: RequestError.Kind?
    ) {
        self.start = start
        self.end = end
        self.promptTokens = promptTokens
        self.requestedOutputTokens = requestedOutputTokens
        self.outputTokens = outputTokens
        self.usageCounted = usageCounted
        self.firstToken = firstToken
        self.lastToken = lastToken
        self.failure = failure
    }

    public init(_ record: RequestRecord) {
        self.init(
            start: record.start, end: record.end, promptTokens: record.promptTokens, requestedOutputTokens: record.requestedOutputTokens,
            outputTokens: record.outputTokens, usageCounted: record.outputCountSource == .usage,
            firstToken: record.events.first?.time, lastToken: record.events.last?.time,
            failure: record.succeeded ? nil : record.error?.kind ?? .incomplete)
    }

    public var succeeded: Bool { failure == nil }

    /// Start → first token, in seconds.
    public var ttft: Double? { firstToken.map { seconds($0 - start) } }
    /// Start → last token, in seconds.
    public var e2el: Double? { lastToken.map { seconds($0 - start) } }
    /// (E2EL − TTFT) / (N − 1), for N > 1.
    public var tpot: Double? {
        guard outputTokens > 1, let firstToken, let lastToken else { return nil }
        return seconds(lastToken - firstToken) / Double(outputTokens - 1)
    }

    private func seconds(_ nanoseconds: Int64) -> Double { Double(nanoseconds) / 1e9 }
}
