/// A first or a last token of a request, as a cluster that does not stream tokens reports it.
public enum DecodeNote: Sendable, Equatable {
    /// The first token (sampled by the step that completed the prompt, or landed with the KV).
    case first(request: Int, time: Int64, finished: Bool)
    /// The last token, emitted by step `lastStep` of decode worker `worker` after `decodeSteps` steps there.
    case last(request: Int, worker: Int, lastStep: Int, decodeSteps: Int)
}

/// One request's token times without a time per token: the first token's time, then one event per
/// step of its decode worker from `firstStep` through `lastStep` (their times are in the run's step
/// log). A decoding sequence is in every step of its worker until it finishes, so the range is whole.
public struct CompactTimeline: Sendable, Equatable {
    public var id: Int
    public var arrival: Int64
    public var promptTokens: Int
    public var outputTokens: Int
    public var firstTokenTime: Int64?
    /// The decode worker; nil when the first token was the last.
    public var worker: Int?
    public var firstStep = 0
    public var lastStep = -1
    public var finished = false

    public init(request: SimRequest) {
        id = request.id
        arrival = request.arrival
        promptTokens = request.promptTokens
        outputTokens = request.outputTokens
    }

    mutating func apply(_ note: DecodeNote) {
        switch note {
        case let .first(_, time, finished):
            firstTokenTime = time
            self.finished = finished
        case let .last(_, worker, lastStep, decodeSteps):
            self.worker = worker
            self.lastStep = lastStep
            firstStep = lastStep - decodeSteps + 1
            finished = true
        }
    }

    /// Events after the first token.
    public var decodeEvents: Int { worker == nil ? 0 : lastStep - firstStep + 1 }
}

/// A virtual run's timelines with the step log they point into: every token's time is recoverable,
/// and each step's time is stored once for its whole batch.
public struct CompactRun: Sendable {
    public var timelines: [CompactTimeline]
    public var stepLog: [[Int64]]
    let seed: UInt64
    let speculative: SpeculativeDecoding?

    /// Calls `body(time, tokens)` for each event of one request, first token included, in order.
    /// Speculative steps' token counts are the same seeded draws the scheduler made.
    public func forEachEvent(of timeline: CompactTimeline, _ body: (Int64, Int) -> Void) {
        guard let first = timeline.firstTokenTime else { return }
        body(first, 1)
        guard let worker = timeline.worker else { return }
        let log = stepLog[worker]
        var remaining = timeline.outputTokens - 1
        for (offset, step) in (timeline.firstStep...timeline.lastStep).enumerated() {
            let tokens = speculative?.tokens(seed: seed, request: timeline.id, step: offset, remaining: remaining) ?? 1
            remaining -= tokens
            body(log[step], tokens)
        }
    }

    /// The time of the last token, if any arrived.
    public func lastTokenTime(of timeline: CompactTimeline) -> Int64? {
        guard let worker = timeline.worker else { return timeline.firstTokenTime }
        return stepLog[worker][timeline.lastStep]
    }

    /// One time per token, as the streaming clock records it.
    public func expanded(_ timeline: CompactTimeline) -> RequestTimeline {
        var expanded = RequestTimeline(
            request: SimRequest(
                id: timeline.id, arrival: timeline.arrival,
                promptTokens: timeline.promptTokens, outputTokens: timeline.outputTokens))
        forEachEvent(of: timeline) { time, tokens in
            expanded.tokenTimes.append(contentsOf: repeatElement(time, count: tokens))
        }
        return expanded
    }
}
