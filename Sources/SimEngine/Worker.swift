import DequeModule

/// One engine instance's continuous-batching scheduler: FIFO admission under the KV and
/// running-request limits, decode first, then prefill chunks under the step's token budget.
struct Worker {
    enum Role { case mixed, prefill, decode }

    struct Sequence {
        var request: SimRequest
        var prefilled: Int
        var generated: Int
        var reservation: Int
        var decodeSteps = 0
    }

    struct PlanItem {
        var slot: Int
        var prefillChunk: Int
        var decodeTokens: Int
    }

    /// What a finished step hands back to the cluster.
    struct StepOutcome {
        var emissions: [TokenEmission] = []
        /// Sequences whose prefill finished on a prefill-only worker, ready to send to decode.
        var handoffs: [Sequence] = []
        var seconds: Double = 0
    }

    let role: Role
    let model: PerfModel
    let maxRunning: Int
    let tokenBudget: Int
    let seed: UInt64
    private(set) var waiting: Deque<Sequence> = []
    private(set) var running: [Sequence] = []
    private(set) var kvUsed = 0
    private(set) var busy = false
    private var plan: [PlanItem] = []
    private var planSeconds = 0.0

    init(role: Role, model: PerfModel, maxRunning: Int, tokenBudget: Int, seed: UInt64) {
        self.role = role
        self.model = model
        self.maxRunning = maxRunning
        self.tokenBudget = tokenBudget
        self.seed = seed
    }

    var kvCapacity: Int { model.kvCapacityTokens }
    var hasWork: Bool { !waiting.isEmpty || !running.isEmpty }
    /// Prompt tokens not yet prefilled, for routing to the least loaded prefill worker.
    var outstandingPrefill: Int {
        waiting.reduce(0) { $0 + $1.request.promptTokens } + running.reduce(0) { $0 + $1.request.promptTokens - $1.prefilled }
    }
    var reservedKV: Int { kvUsed + waiting.reduce(0) { $0 + $1.reservation } }

    /// KV tokens a request holds on this worker from admission to completion. Reserving the
    /// whole output up front means the cache is never over-committed and nothing is preempted.
    func reservation(for request: SimRequest) -> Int {
        let held = role == .prefill ? request.promptTokens : request.promptTokens + request.outputTokens
        return held + model.kvTokensPerSequence
    }

    mutating func enqueue(_ request: SimRequest, prefilled: Int = 0, generated: Int = 0) {
        waiting.append(Sequence(request: request, prefilled: prefilled, generated: generated,
                                reservation: reservation(for: request)))
    }

    /// Removes a request wherever it is; returns whether it was here.
    mutating func cancel(_ id: Int) -> Bool {
        if let index = waiting.firstIndex(where: { $0.request.id == id }) {
            waiting.remove(at: index)
            return true
        }
        if let index = running.firstIndex(where: { $0.request.id == id }) {
            // A sequence inside the current step is dropped when the step ends.
            running[index].request.outputTokens = running[index].generated
            running[index].request.promptTokens = running[index].prefilled
            return true
        }
        return false
    }

    /// Admits and plans the next step; returns its duration in seconds, or nil when idle.
    mutating func startStep() -> Double? {
        precondition(!busy)
        admit()
        plan.removeAll(keepingCapacity: true)
        var work = StepWork(attentionWindow: model.attentionWindow)
        var budget = tokenBudget
        let verifyWidth = model.speculative.map { $0.draftTokens + 1 } ?? 1
        for slot in running.indices where running[slot].prefilled >= running[slot].request.promptTokens {
            let remaining = running[slot].request.outputTokens - running[slot].generated
            guard remaining > 0 else { continue }
            work.addDecodingSequence(context: running[slot].prefilled + running[slot].generated)
            plan.append(PlanItem(slot: slot, prefillChunk: 0, decodeTokens: min(remaining, tokensThisStep(running[slot]))))
            budget -= verifyWidth
        }
        work.decodeTokensPerSequence = verifyWidth
        for slot in running.indices where budget > 0 && running[slot].prefilled < running[slot].request.promptTokens {
            let chunk = min(running[slot].request.promptTokens - running[slot].prefilled, budget)
            work.addPrefillChunk(start: running[slot].prefilled, length: chunk)
            plan.append(PlanItem(slot: slot, prefillChunk: chunk, decodeTokens: 0))
            budget -= chunk
        }
        guard !plan.isEmpty else { return nil }
        busy = true
        planSeconds = model.stepSeconds(work)
        return planSeconds
    }

    /// Applies the planned step at `time`: emits tokens, frees finished sequences.
    mutating func finishStep(at time: Int64) -> StepOutcome {
        precondition(busy)
        busy = false
        var outcome = StepOutcome(seconds: planSeconds)
        for item in plan {
            var sequence = running[item.slot]
            if item.prefillChunk > 0 {
                sequence.prefilled += item.prefillChunk
                if sequence.prefilled >= sequence.request.promptTokens && sequence.request.outputTokens > 0 {
                    if role == .prefill {
                        sequence.generated = 1
                        outcome.handoffs.append(sequence)
                    } else {
                        // The step that completes the prompt also samples the first token.
                        sequence.generated = 1
                        outcome.emissions.append(emission(sequence, tokens: 1, time: time))
                    }
                }
            } else if item.decodeTokens > 0 {
                sequence.generated += item.decodeTokens
                sequence.decodeSteps += 1
                outcome.emissions.append(emission(sequence, tokens: item.decodeTokens, time: time))
            }
            running[item.slot] = sequence
        }
        let handedOff = Set(outcome.handoffs.map(\.request.id))
        running.removeAll { sequence in
            let done = handedOff.contains(sequence.request.id)
                || (sequence.prefilled >= sequence.request.promptTokens && sequence.generated >= sequence.request.outputTokens)
            if done { kvUsed -= sequence.reservation }
            return done
        }
        return outcome
    }

    private func emission(_ sequence: Sequence, tokens: Int, time: Int64) -> TokenEmission {
        TokenEmission(requestID: sequence.request.id, time: time, tokens: tokens,
                      isFirst: sequence.generated == tokens, finished: sequence.generated >= sequence.request.outputTokens)
    }

    /// FIFO: the head waits until it fits; nobody overtakes it.
    private mutating func admit() {
        while let head = waiting.first, running.count < maxRunning, kvUsed + head.reservation <= kvCapacity {
            waiting.removeFirst()
            kvUsed += head.reservation
            running.append(head)
        }
    }

    /// Tokens a decoding sequence emits this step: 1, or with MTP a seeded draw whose mean is
    /// the acceptance length, keyed by request and step so both clocks draw the same.
    private func tokensThisStep(_ sequence: Sequence) -> Int {
        guard let speculative = model.speculative else { return 1 }
        let whole = Int(speculative.acceptanceLength)
        let fraction = speculative.acceptanceLength - Double(whole)
        let extra = SeededRandom.unit(seed, UInt64(sequence.request.id), UInt64(sequence.decodeSteps)) < fraction ? 1 : 0
        return max(1, min(whole + extra, speculative.draftTokens + 1))
    }
}
