import Metrics
import NIOCore

/// A request between its send and its end, owned by the load driver's event loop.
final class InFlightRequest: @unchecked Sendable {
    let plan: PlannedRequest
    let warmup: Bool
    /// Cut by a stop: left out of the results.
    var interrupted = false
    let intendedStart: Int64
    var start: Int64 = 0
    var written: Int64?
    var status: Int?
    var events: [RequestRecord.TokenEvent] = []
    var emitTimes: [Int64] = []
    var usagePromptTokens: Int?
    var usageCompletionTokens: Int?
    var sawDone = false
    var error: RequestError?
    /// The start of a non-2xx body, for the error message.
    var errorBody: [UInt8] = []
    var timeout: Scheduled<Void>?

    /// Token events accepted before the response is cut as over the limit.
    let eventLimit: Int

    init(plan: PlannedRequest, warmup: Bool, intendedStart: Int64) {
        self.plan = plan
        self.warmup = warmup
        self.intendedStart = intendedStart
        eventLimit = LoadLimits.tokenEvents(maxTokens: plan.outputTokens)
        events.reserveCapacity(min(plan.outputTokens, 1 << 16))
    }

    func fail(_ kind: RequestError.Kind, _ message: String) {
        if error == nil { error = RequestError(kind, message) }
    }

    /// The response went over a limit: the request fails with it and its connection is closed.
    private(set) var overLimit = false

    func failLimit(_ message: String) {
        fail(.limit, message)
        overLimit = true
    }

    func apply(_ event: StreamEvent, at time: Int64) {
        switch event.kind {
        case .ignored: break
        case .done: sawDone = true
        case .malformed: fail(.malformed, "\(event.refusal ?? "an SSE data line is not one JSON object") (event \(events.count + 1))")
        case .error: fail(.http, "the server sent an error event in the stream: \((event.errorText ?? "").replacingControlCharacters())")
        case .data:
            if event.carriesTokens {
                guard events.count < eventLimit else {
                    return failLimit("more than \(eventLimit) token events for max_tokens \(plan.outputTokens)")
                }
                events.append(.init(time: time, tokens: 1))
                if let emit = event.serverEmitTime { emitTimes.append(emit) }
            }
            if let prompt = event.promptTokens { usagePromptTokens = prompt }
            if let completion = event.completionTokens { usageCompletionTokens = completion }
        }
    }

    /// The finished measurement. Without a tokenizer each event counts one token; when the
    /// server's usage reports more, they are spread evenly over the events (remainder to the
    /// latest), which is what per-token ITL divides by.
    func measured(end: Int64) -> MeasuredRequest {
        if error == nil, let status, !(200..<300).contains(status) {
            let text = String(decoding: errorBody.prefix(300), as: UTF8.self).replacingControlCharacters()
            fail(.http, "HTTP \(status): \(text)")
        }
        if let usage = usageCompletionTokens, usage > max(plan.outputTokens, events.count) {
            // Spread over the events below it would make per-token ITL lists of any size.
            fail(.malformed, "usage.completion_tokens \(usage) is more than the \(plan.outputTokens) requested")
            usageCompletionTokens = nil
        }
        let counted = usageCompletionTokens ?? events.count
        if error == nil, counted < plan.outputTokens {
            fail(.incomplete, "the stream ended after \(counted) of \(plan.outputTokens) tokens\(sawDone ? "" : " without [DONE]")")
        }
        var tokens = events
        if let usage = usageCompletionTokens, usage > tokens.count, !tokens.isEmpty {
            let base = usage / tokens.count, extra = usage % tokens.count
            for index in tokens.indices { tokens[index].tokens = base + (index >= tokens.count - extra ? 1 : 0) }
        }
        let record = RequestRecord(
            index: plan.index, start: start, end: end, promptTokens: usagePromptTokens ?? plan.promptTokens,
            requestedOutputTokens: plan.outputTokens, events: tokens,
            usageCompletionTokens: usageCompletionTokens, error: error)
        return MeasuredRequest(
            record: record, intendedStart: intendedStart, written: written, intendedPromptTokens: plan.promptTokens,
            usagePromptTokens: usagePromptTokens, serverEmitTimes: emitTimes.count == events.count && !emitTimes.isEmpty ? emitTimes : nil)
    }
}

extension String {
    /// Server text for one-line error messages: C0 and C1 control characters (escape sequences
    /// included) become spaces, so nothing a server sends can drive the terminal.
    public func replacingControlCharacters() -> String {
        String(unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? " " : Character($0) })
    }
}
