import Metrics

/// A virtual run's measurements straight from its compact timelines: the same figures as
/// `PointMetrics(records:)` over the expanded records, in time and memory that follow requests and
/// steps, not tokens (a step's gap is one weighted sample for its whole batch).
extension CompactRun {
    public func pointMetrics(concurrency: Int?, gpus: Int?, pools: (prefill: Int, decode: Int)? = nil) -> PointMetrics {
        let summaries = timelines.map(summary)
        let gaps = interTokenGaps()
        let steadyState = concurrency.flatMap { concurrency in
            SteadyState(intervals: summaries.map { ($0.start, $0.end) }, concurrency: concurrency) { first, last in
                timelines.indices.reduce(0) { sum, index in
                    summaries[index].succeeded ? sum.addingSaturated(tokens(of: timelines[index], from: first, through: last)) : sum
                }
            }
        }
        return PointMetrics(summaries: summaries, itl: gaps.perEvent, itlPerToken: gaps.perToken, steadyState: steadyState, gpus: gpus, pools: pools)
    }

    /// What a perfect client would have recorded; without `keepEvents` each request keeps its first
    /// and last events only (TTFT, TPOT and E2EL exact; the tokens between counted in the last).
    public func records(keepEvents: Bool) -> [RequestRecord] {
        timelines.map { timeline in
            var events: [RequestRecord.TokenEvent] = []
            if keepEvents {
                forEachEvent(of: timeline) { events.append(.init(time: $0, tokens: $1)) }
            } else if let first = timeline.firstTokenTime {
                events.append(.init(time: first, tokens: 1))
                if let last = lastTokenTime(of: timeline), last != first {
                    events.append(.init(time: last, tokens: max(0, timeline.outputTokens - 1)))
                }
            }
            let summary = summary(timeline)
            return RequestRecord(
                index: timeline.id, start: summary.start, end: summary.end, promptTokens: timeline.promptTokens,
                requestedOutputTokens: timeline.outputTokens, events: events,
                error: summary.succeeded ? nil : RequestError(.incomplete, "the simulation ended before the request finished"))
        }
    }

    func summary(_ timeline: CompactTimeline) -> RequestSummary {
        let last = lastTokenTime(of: timeline)
        let succeeded = timeline.finished && timeline.firstTokenTime != nil
        return RequestSummary(
            start: timeline.arrival, end: last ?? timeline.arrival, promptTokens: timeline.promptTokens,
            requestedOutputTokens: timeline.outputTokens, outputTokens: succeeded ? timeline.outputTokens : 0,
            usageCounted: false, firstToken: timeline.firstTokenTime, lastToken: last,
            failure: succeeded ? nil : .incomplete)
    }

    /// Output tokens of one request whose events fall in [first, last].
    private func tokens(of timeline: CompactTimeline, from first: Int64, through last: Int64) -> Int {
        guard speculative == nil, let worker = timeline.worker else {
            var count = 0
            forEachEvent(of: timeline) { time, tokens in if time >= first && time <= last { count += tokens } }
            return count
        }
        // One token per step: count the steps inside the window by bisection of the step log.
        let log = stepLog[worker]
        let low = max(timeline.firstStep, Self.firstIndex(in: log, atLeast: first))
        let high = min(timeline.lastStep, Self.firstIndex(in: log, atLeast: last &+ 1) - 1)
        let firstToken = timeline.firstTokenTime.map { $0 >= first && $0 <= last ? 1 : 0 } ?? 0
        return firstToken + max(0, high - low + 1)
    }

    private static func firstIndex(in log: [Int64], atLeast time: Int64) -> Int {
        var low = 0, high = log.count
        while low < high {
            let middle = (low + high) / 2
            if log[middle] < time { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Every gap between a request's consecutive events (per event), and the same divided over the
    /// tokens of the later event (per token), pooled over the requests that succeeded.
    func interTokenGaps() -> (perEvent: WeightedSamples, perToken: WeightedSamples) {
        var perEvent = WeightedSamples(), perToken = WeightedSamples()
        // Weight of step k's gap (to step k-1) per worker and tokens of the later event.
        let width = (speculative?.draftTokens ?? 0) + 1
        var cover = stepLog.map { [Int](repeating: 0, count: ($0.count + 1) * width) }
        for timeline in timelines where timeline.finished && timeline.decodeEvents > 0 {
            guard let worker = timeline.worker, let first = timeline.firstTokenTime else { continue }
            let log = stepLog[worker]
            let firstGap = Double(log[timeline.firstStep] - first) / 1e9
            guard let speculative else {
                perEvent.append(firstGap, weight: 1)
                perToken.append(firstGap, weight: 1)
                // Steps firstStep+1 ... lastStep, one token each: a difference array, summed below.
                cover[worker][timeline.firstStep + 1] += 1
                cover[worker][timeline.lastStep + 1] -= 1
                continue
            }
            var remaining = timeline.outputTokens - 1
            for (offset, step) in (timeline.firstStep...timeline.lastStep).enumerated() {
                let tokens = speculative.tokens(seed: seed, request: timeline.id, step: offset, remaining: remaining)
                remaining -= tokens
                if offset == 0 {
                    perEvent.append(firstGap, weight: 1)
                    perToken.append(firstGap / Double(tokens), weight: tokens)
                } else {
                    cover[worker][step * width + tokens - 1] += 1
                }
            }
        }
        for (worker, log) in stepLog.enumerated() where log.count > 1 {
            var running = 0
            for step in 1..<log.count {
                let gap = Double(log[step] - log[step - 1]) / 1e9
                if speculative == nil {
                    running += cover[worker][step]
                    perEvent.append(gap, weight: running)
                    perToken.append(gap, weight: running)
                } else {
                    for tokens in 1...width {
                        let events = cover[worker][step * width + tokens - 1]
                        perEvent.append(gap, weight: events)
                        perToken.append(gap / Double(tokens), weight: events * tokens)
                    }
                }
            }
        }
        return (perEvent, perToken)
    }
}
