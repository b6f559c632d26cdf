import Metrics
import SimEngine

extension RequestRecord {
    /// What a perfect client would have recorded from a simulated request: one event per step
    /// that emitted tokens for it, at the scheduled time.
    public init(timeline: RequestTimeline) {
        var events: [TokenEvent] = []
        for time in timeline.tokenTimes {
            if events.last?.time == time { events[events.count - 1].tokens += 1 } else { events.append(TokenEvent(time: time, tokens: 1)) }
        }
        self.init(index: timeline.id, start: timeline.arrival, end: timeline.tokenTimes.last ?? timeline.arrival,
                  promptTokens: timeline.promptTokens, requestedOutputTokens: timeline.outputTokens, events: events,
                  error: timeline.finished ? nil : RequestError(.incomplete, "the simulation ended before the request finished"))
    }
}
