import DequeModule

/// One engine instance's continuous-batching scheduler: FIFO admission under the KV and
/// running-request limits, decode first, then prefill chunks under the step's token budget.
struct Worker {
    enum Role { case mixed, prefill, decode }

    /// A request waiting for admission or prefilling.
    struct Sequence {
        var request: SimRequest
        var prefilled: Int
        var generated: Int
        var reservation: Int
        var admission = 0
        /// When the prompt's CPU-tier hits are back on the GPU: its prefill waits until then.
        var readyAt: Int64 = 0
    }

    /// A prefill chunk of this step: the sequence at `slot` of `prefilling`.
    struct PlanItem {
        var slot: Int
        var chunk: Int
    }

    /// What a finished step hands back to the cluster.
    struct StepOutcome {
        /// Every token of the step, one entry per sequence (only when the worker streams tokens).
        var emissions: [TokenEmission] = []
        /// Sequences whose prefill finished on a prefill-only worker, ready to send to decode.
        var handoffs: [Sequence] = []
        /// Sequences whose prefill finished here with their first token: (request, whether that was its last).
        var firstTokens: [(id: Int, finished: Bool)] = []
        /// Decoding sequences that emitted their last token, in admission order.
        var finished: [DecodeBatch.Finish] = []
        var seconds: Double = 0
    }

    let role: Role
    let model: PerfModel
    let maxRunning: Int
    let tokenBudget: Int
    let seed: UInt64
    /// Whether steps report every sequence's tokens (the real-time server) or only first and last
    /// tokens (the virtual clock's compact timelines).
    var streamsTokens: Bool
    private(set) var waiting: Deque<Sequence> = []
    private(set) var prefilling: [Sequence] = []
    private(set) var decoding = DecodeBatch()
    /// KV tokens requests reserve for themselves (their pinned cache blocks are the cache's).
    var kvUsed = 0
    private(set) var busy = false
    /// Steps finished so far: the index of the next step in the cluster's step log.
    private(set) var stepsDone = 0
    private var admissions = 0
    private var plan: [PlanItem] = []
    private var planSeconds = 0.0
    // Prefix-cache state, used by Worker+PrefixCache.swift.
    /// The prefix cache (workers that prefill, when the deployment has one) and KV offload's link.
    var cache: PrefixCache?
    let hostLink: HostLink?
    /// Running requests' pinned prefix blocks.
    var pinnedKeys: [Int: ArraySlice<UInt64>] = [:]
    /// When the host link is free for the next reload (reloads queue on it).
    var reloadFreeAt: Int64 = 0
    /// Reload completions not yet handed to the cluster, which wakes the worker then.
    var newReloadTimes: [Int64] = []
    var cacheStatistics = PrefixCacheStatistics()
    private(set) var kvUsagePeak = 0.0

    init(
        role: Role, model: PerfModel, maxRunning: Int, tokenBudget: Int, seed: UInt64, streamsTokens: Bool,
        cache: PrefixCache? = nil, hostLink: HostLink? = nil
    ) {
        self.role = role
        self.model = model
        self.maxRunning = maxRunning
        self.tokenBudget = tokenBudget
        self.seed = seed
        self.streamsTokens = streamsTokens
        self.cache = cache
        self.hostLink = hostLink
        cacheStatistics.cpuCapacityBlocks = cache?.hostCapacityBlocks ?? 0
    }

    private static let blockSize = PrefixBlocks.blockSize

    var kvCapacity: Int { model.kvCapacityTokens }
    /// KV tokens held: reserved by requests plus the cache blocks they pin (unpinned cached blocks are free space).
    var kvHeld: Int { kvUsed + (cache?.pinnedBlocks ?? 0) * Self.blockSize }
    var runningCount: Int { prefilling.count + decoding.count }
    var hasWork: Bool { !waiting.isEmpty || runningCount > 0 }
    /// Prompt tokens not yet prefilled, for routing to the least loaded prefill worker.
    var outstandingPrefill: Int {
        waiting.reduce(0) { $0 + $1.request.promptTokens } + prefilling.reduce(0) { $0 + $1.request.promptTokens - $1.prefilled }
    }

    /// KV tokens a request holds on this worker from admission to completion. Reserving the
    /// whole output up front means the cache is never over-committed and nothing is preempted.
    func reservation(for request: SimRequest) -> Int {
        let prompt = max(1, request.promptTokens)  // as `enqueue` counts it
        return (role == .prefill ? prompt : prompt + request.outputTokens) + model.kvTokensPerSequence
    }

    mutating func enqueue(_ request: SimRequest, prefilled: Int = 0, generated: Int = 0) {
        // Every prompt holds at least its BOS token, so every request has a prefill step that samples its first token.
        var request = request
        request.promptTokens = max(1, request.promptTokens)
        waiting.append(
            Sequence(
                request: request, prefilled: prefilled, generated: generated,
                reservation: reservation(for: request)))
    }

    /// Removes a request wherever it is; returns whether it was here.
    mutating func cancel(_ id: Int) -> Bool {
        if let index = waiting.firstIndex(where: { $0.request.id == id }) {
            waiting.remove(at: index)
            return true
        }
        if let index = prefilling.firstIndex(where: { $0.request.id == id }) {
            if !busy {
                free(id: id, reservation: prefilling.remove(at: index).reservation)
                return true
            }
            // A sequence inside the current step is dropped when the step ends.
            prefilling[index].request.outputTokens = prefilling[index].generated
            prefilling[index].request.promptTokens = prefilling[index].prefilled
            return true
        }
        // No step is being planned while a cancel runs, so a decoding sequence can leave at once.
        if let member = decoding.remove(id) {
            free(id: id, reservation: member.reservation)
            return true
        }
        return false
    }

    /// Admits and plans the next step at `time`; returns its duration in seconds, or nil when idle
    /// (or every prompt waits for a reload: `takeReloadTimes` says when to come back).
    mutating func startStep(at time: Int64) -> Double? {
        precondition(!busy)
        admit(at: time)
        plan.removeAll(keepingCapacity: true)
        var work = StepWork(attentionWindow: model.attentionWindow)
        let verifyWidth = model.speculative?.verifiedTokens ?? 1
        work.addDecodingBatch(
            sequences: decoding.count, contextTokens: decoding.contextTokens,
            windowedContextTokens: decoding.windowedContextTokens(window: model.attentionWindow))
        work.decodeTokensPerSequence = verifyWidth
        var budget = tokenBudget - decoding.count * verifyWidth
        for slot in prefilling.indices where budget > 0 && prefilling[slot].readyAt <= time {
            let chunk = min(prefilling[slot].request.promptTokens - prefilling[slot].prefilled, budget)
            guard chunk > 0 else { continue }
            work.addPrefillChunk(start: prefilling[slot].prefilled, length: chunk)
            plan.append(PlanItem(slot: slot, chunk: chunk))
            budget -= chunk
        }
        guard !work.isEmpty else { return nil }
        busy = true
        planSeconds = model.stepSeconds(work)
        return planSeconds
    }

    /// Applies the planned step at `time`: emits tokens, frees finished sequences.
    mutating func finishStep(at time: Int64) -> StepOutcome {
        precondition(busy)
        busy = false
        stepsDone += 1
        var outcome = StepOutcome(seconds: planSeconds)
        decodeStep(at: time, into: &outcome)
        for item in plan {
            prefilling[item.slot].prefilled += item.chunk
        }
        let completed = prefilling.filter { $0.prefilled >= $0.request.promptTokens }
        if !completed.isEmpty {
            prefilling.removeAll { $0.prefilled >= $0.request.promptTokens }
            for sequence in completed { completePrefill(sequence, at: time, into: &outcome) }
        }
        return outcome
    }

    /// Every decoding sequence advances; the ones that finish free their KV.
    private mutating func decodeStep(at time: Int64, into outcome: inout StepOutcome) {
        guard !decoding.isEmpty else { return }
        let seed = seed, speculative = model.speculative
        var emissions = outcome.emissions
        let emit: ((DecodeBatch.Member, Int) -> Void)? =
            streamsTokens
            ? { member, tokens in
                emissions.append(TokenEmission(requestID: member.id, time: time, tokens: tokens, isFirst: false, finished: member.remaining <= 0))
            } : nil
        if let speculative {
            decoding.step(
                tokens: { speculative.tokens(seed: seed, request: $0.id, step: $0.decodeSteps, remaining: $0.remaining) },
                finished: &outcome.finished, emit: emit)
        } else {
            decoding.step(tokens: { _ in 1 }, finished: &outcome.finished, emit: emit)
        }
        outcome.emissions = emissions
        for finish in outcome.finished { free(id: finish.id, reservation: finish.reservation) }
    }

    /// A sequence whose prompt is all in the cache: handed to decode, or its first token sampled here.
    private mutating func completePrefill(_ sequence: Sequence, at time: Int64, into outcome: inout StepOutcome) {
        var sequence = sequence
        cachePrompt(&sequence)
        guard sequence.request.outputTokens > 0 else {
            free(id: sequence.request.id, reservation: sequence.reservation)
            return
        }
        sequence.generated = 1
        if role == .prefill {
            free(id: sequence.request.id, reservation: sequence.reservation)
            outcome.handoffs.append(sequence)
            return
        }
        // The step that completes the prompt also samples the first token.
        let done = sequence.request.outputTokens <= 1
        outcome.firstTokens.append((sequence.request.id, done))
        if streamsTokens {
            outcome.emissions.append(TokenEmission(requestID: sequence.request.id, time: time, tokens: 1, isFirst: true, finished: done))
        }
        if done {
            free(id: sequence.request.id, reservation: sequence.reservation)
        } else {
            joinDecoding(sequence)
        }
    }

    private mutating func joinDecoding(_ sequence: Sequence) {
        decoding.add(
            DecodeBatch.Member(
                id: sequence.request.id, admission: sequence.admission,
                remaining: sequence.request.outputTokens - sequence.generated,
                context: sequence.prefilled + sequence.generated, reservation: sequence.reservation))
    }

    /// FIFO: the head waits until it fits; nobody overtakes it. A sequence that arrives with its
    /// prompt already prefilled (disaggregated decode) joins the decoding batch at once.
    /// A prompt's cache hits need no KV of its own, but pinning them must still fit beside every
    /// other pin: unpinned cached blocks are evicted to make room, pinned ones never.
    private mutating func admit(at time: Int64) {
        while let head = waiting.first, runningCount < maxRunning {
            let match = prefixMatch(head)
            let reservation = head.reservation - match.blocks * Self.blockSize
            let pinned = (cache?.pinnedBlocks ?? 0) + match.newPins
            guard kvUsed + reservation + pinned * Self.blockSize <= kvCapacity else { break }
            var sequence = waiting.removeFirst()
            sequence.reservation = reservation
            kvUsed += reservation
            if cache != nil { usePrefix(&sequence, match, at: time) }
            kvUsagePeak = max(kvUsagePeak, Double(kvHeld) / Double(max(1, kvCapacity)))
            sequence.admission = admissions
            admissions += 1
            if sequence.prefilled >= sequence.request.promptTokens && sequence.generated > 0 {
                joinDecoding(sequence)
            } else {
                prefilling.append(sequence)
            }
        }
    }

    /// Reload completion times since the last call.
    mutating func takeReloadTimes() -> [Int64] {
        defer { newReloadTimes.removeAll() }
        return newReloadTimes
    }

    /// Frees a request's own KV and unpins its cached blocks.
    private mutating func free(id: Int, reservation: Int) {
        kvUsed -= reservation
        if let keys = pinnedKeys.removeValue(forKey: id) { cache?.release(keys) }
    }
}
