extension LoadOutcome {
    /// One run's outcome from its lanes' (in lane order): requests back in index order, counts
    /// added. The peak in flight is the sum of each lane's peak, exact whenever every lane fills
    /// its share of the cap (a closed loop), an upper bound otherwise.
    static func merged(_ lanes: [LoadOutcome]) -> LoadOutcome {
        var result = lanes[0]
        guard lanes.count > 1 else { return result }
        for lane in lanes.dropFirst() {
            result.requests += lane.requests
            result.warmupFailures += lane.warmupFailures
            result.interrupted += lane.interrupted
            result.unsent += lane.unsent
            result.peakInFlight += lane.peakInFlight
            result.clientCPUSeconds += lane.clientCPUSeconds
            result.loopCPUSeconds += lane.loopCPUSeconds
        }
        result.requests.sort { $0.record.index < $1.record.index }
        return result
    }
}

extension LoadProgress {
    /// The run's counters from its lanes'.
    static func combined(_ lanes: [LoadProgress]) -> LoadProgress {
        var result = LoadProgress()
        for lane in lanes {
            result.finished += lane.finished
            result.failed += lane.failed
            result.inFlight += lane.inFlight
            result.outputTokens = result.outputTokens.addingSaturated(lane.outputTokens)
            if let total = lane.total { result.total = (result.total ?? 0) + total }
            result.elapsedSeconds = max(result.elapsedSeconds, lane.elapsedSeconds)
            result.warmingUp = result.warmingUp || lane.warmingUp
            result.clientCPUSeconds += lane.clientCPUSeconds
        }
        return result
    }
}
