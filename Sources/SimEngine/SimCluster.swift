import DequeModule
import HeapModule

/// The discrete-event core of the simulated engine: arrivals, scheduler steps and KV
/// transfers ordered by time. It has no clock of its own: the real-time server advances it
/// to "now", the virtual clock to the next event, and both get the same timelines.
public struct SimCluster: Sendable {
    public let config: SimConfig
    public let seed: UInt64
    public private(set) var now: Int64 = 0
    public private(set) var statistics = SimStatistics()
    private var workers: [Worker]
    private let prefillWorkers: Range<Int>
    private let decodeWorkers: Range<Int>
    private let transferBytesPerSecond: Double
    private let transferLatency: Int64
    private let kvBytesPerToken: Double
    private var events = Heap<Event>()
    private var wakePending: Set<Int> = []
    private var cancelled: Set<Int> = []
    /// Disaggregated only: decode slots promised before prefill, and arrivals waiting for one.
    private var decodeSlots: DecodeSlots?
    private var held: Deque<SimRequest> = []

    /// Each worker's step end times, by step index (compact mode only: the virtual clock's
    /// timelines point into it instead of holding one time per token).
    public private(set) var stepLog: [[Int64]]
    private var streamsTokens: Bool

    /// `streamsTokens`: every token is reported as a `TokenEmission` (the real-time server); false:
    /// only first and last tokens as `DecodeNote`s plus the step log (the virtual clock).
    public init(config: SimConfig, seed: UInt64, streamsTokens: Bool = true) throws(SimConfigError) {
        self.config = config
        self.seed = seed
        self.streamsTokens = streamsTokens
        if config.kvOffload != nil && !config.prefixCache {
            throw SimConfigError("KV offload needs the prefix cache", fix: "enable prefix caching (--enable-prefix-caching) or drop the offload")
        }
        func pool(_ shape: WorkerShape, _ count: Int, _ role: Worker.Role) throws(SimConfigError) -> [Worker] {
            let model = try PerfModel(config: config, shape: shape)
            // Workers that prefill keep the prefix cache; the CPU tier is split evenly among them.
            let caches = config.prefixCache && role != .decode
            let hostLink = caches ? config.kvOffload.map { HostLink(offload: $0, model: model) } : nil
            let hostBlocks = caches ? config.kvOffload.map { HostLink.capacityBlocks($0, model: model, workers: count) } ?? 0 : 0
            return (0..<count).map { _ in
                Worker(
                    role: role, model: model,
                    maxRunning: role == .decode ? config.decodeMaxRunningRequests ?? config.maxRunningRequests : config.maxRunningRequests,
                    tokenBudget: config.chunkedPrefillSize, seed: seed, streamsTokens: streamsTokens,
                    cache: caches ? PrefixCache(hostCapacityBlocks: hostBlocks) : nil, hostLink: hostLink)
            }
        }
        switch config.topology {
        case let .aggregated(shape):
            workers = try pool(shape, 1, .mixed)
            prefillWorkers = 0..<1
            decodeWorkers = 0..<1
        case let .disaggregated(prefill, decode):
            guard prefill.workers >= 1, decode.workers >= 1 else {
                throw SimConfigError(
                    "disaggregated serving needs at least one prefill and one decode worker",
                    fix: "pass --prefill-workers and --decode-workers of 1 or more")
            }
            workers = try pool(prefill.shape, prefill.workers, .prefill) + pool(decode.shape, decode.workers, .decode)
            prefillWorkers = 0..<prefill.workers
            decodeWorkers = prefill.workers..<(prefill.workers + decode.workers)
            let decoder = workers[decodeWorkers.lowerBound]
            decodeSlots = DecodeSlots(workers: decode.workers, slotsPerWorker: decoder.maxRunning, kvPerWorker: decoder.kvCapacity)
        }
        let hardware = config.hardware, efficiency = config.efficiency
        // KV moves over NVLink inside one scale-up domain (GB200 NVL72), else over the NICs; every
        // prefill rank sends its share in parallel.
        let inDomain = config.topology.gpus <= hardware.scaleUpDomain
        let perGPU = inDomain ? hardware.scaleUpGBps * efficiency.link : hardware.scaleOutGBps * efficiency.scaleOutLink
        let senders: Int
        if case let .disaggregated(prefill, _) = config.topology { senders = prefill.shape.gpus } else { senders = 1 }
        transferBytesPerSecond = perGPU * 1e9 * Double(senders)
        transferLatency = Int64(efficiency.allToAllLatencyUs * 1000)
        let fp8 = config.kvCacheDType.lowercased() == "fp8"
        kvBytesPerToken = Double(fp8 ? config.model.kvBytesPerToken.fp8 : config.model.kvBytesPerToken.bf16)
        stepLog = streamsTokens ? [] : Array(repeating: [], count: workers.count)
    }

    public var gpus: Int { config.topology.gpus }

    /// The same cluster reporting first and last tokens only (what the virtual clock runs); only
    /// before anything was submitted.
    func withoutTokenStreaming() -> SimCluster {
        precondition(events.isEmpty && now == 0, "switch token streaming off before submitting requests")
        var copy = self
        copy.streamsTokens = false
        copy.stepLog = Array(repeating: [], count: workers.count)
        for index in copy.workers.indices { copy.workers[index].streamsTokens = false }
        return copy
    }

    /// Why a request could never run here (it would not fit in an empty KV cache), or nil.
    public func rejection(promptTokens: Int, outputTokens: Int) -> String? {
        let probe = SimRequest(id: -1, arrival: 0, promptTokens: promptTokens, outputTokens: outputTokens)
        for index in [prefillWorkers.lowerBound, decodeWorkers.lowerBound] {
            let needed = workers[index].reservation(for: probe), capacity = workers[index].kvCapacity
            if needed > capacity {
                return "prompt plus output needs \(needed) KV tokens; this deployment holds \(capacity)"
            }
        }
        return nil
    }

    /// Queues a request; its arrival must not be earlier than anything already processed.
    public mutating func submit(_ request: SimRequest) {
        precondition(request.arrival >= now, "arrival \(request.arrival) is before the core's time \(now)")
        events.insert(Event(time: request.arrival, kind: .arrival, key: request.id, payload: .arrival(request)))
    }

    /// Stops a request (client went away): it emits nothing more and frees its KV.
    public mutating func cancel(requestID: Int) {
        cancelled.insert(requestID)
        held.removeAll { $0.id == requestID }
        for index in workers.indices where workers[index].cancel(requestID) { break }
        decodeSlots?.release(request: requestID)
        prefillHeldRequests()
    }

    public var nextEventTime: Int64? { events.min?.time }

    /// Processes every event up to and including `time`, appending the tokens it emits (a cluster
    /// made with `streamsTokens`).
    public mutating func advance(until time: Int64, into emissions: inout [TokenEmission]) {
        var notes: [DecodeNote] = []
        advance(until: time, emissions: &emissions, notes: &notes)
    }

    /// Processes every event up to and including `time`, appending first and last tokens (a
    /// cluster made without `streamsTokens`; the tokens between are in `stepLog`).
    public mutating func advance(until time: Int64, into notes: inout [DecodeNote]) {
        var emissions: [TokenEmission] = []
        advance(until: time, emissions: &emissions, notes: &notes)
    }

    private mutating func advance(until time: Int64, emissions: inout [TokenEmission], notes: inout [DecodeNote]) {
        while let next = events.min, next.time <= time {
            let event = events.removeMin()
            now = event.time
            switch event.payload {
            case let .arrival(request):
                statistics.promptTokens += request.promptTokens
                // A request that decodes waits for its decode slot first; one whose only token comes from prefill needs none.
                if decodeSlots != nil && request.outputTokens > 1 {
                    held.append(request)
                    prefillHeldRequests()
                } else {
                    prefill(request)
                }
            case let .stepEnd(index):
                let outcome = workers[index].finishStep(at: now)
                if decodeSlots != nil && decodeWorkers.contains(index) && !outcome.finished.isEmpty {
                    for finish in outcome.finished { decodeSlots?.release(request: finish.id) }
                    prefillHeldRequests()
                }
                statistics.recordStep(seconds: outcome.seconds)
                if streamsTokens {
                    for emission in outcome.emissions where !cancelled.contains(emission.requestID) {
                        statistics.generationTokens += emission.tokens
                        emissions.append(emission)
                    }
                } else {
                    record(outcome, worker: index, into: &notes)
                }
                for handoff in outcome.handoffs where !cancelled.contains(handoff.request.id) {
                    let seconds = Double(handoff.request.promptTokens) * kvBytesPerToken / transferBytesPerSecond
                    let arrival = now + transferLatency + Int64(seconds * 1e9)
                    events.insert(Event(time: arrival, kind: .transfer, key: handoff.request.id, payload: .transfer(handoff.request)))
                }
                scheduleWake(index)
            case let .transfer(request):
                // The prefill worker sampled the first token; it streams once the KV has landed.
                guard !cancelled.contains(request.id) else { break }
                let done = request.outputTokens <= 1
                statistics.generationTokens += 1
                if streamsTokens {
                    emissions.append(TokenEmission(requestID: request.id, time: now, tokens: 1, isFirst: true, finished: done))
                } else {
                    notes.append(.first(request: request.id, time: now, finished: done))
                }
                if !done {
                    // Every request that reaches decode was promised a worker at arrival.
                    let target = decodeWorkers.lowerBound + (decodeSlots?.worker(for: request.id) ?? 0)
                    workers[target].enqueue(request, prefilled: request.promptTokens, generated: 1)
                    scheduleWake(target)
                }
            case let .wake(index):
                wakePending.remove(index)
                guard !workers[index].busy else { break }
                let seconds = workers[index].startStep(at: now)
                for time in workers[index].takeReloadTimes() {
                    events.insert(Event(time: time, kind: .reload, key: index, payload: .reload(index)))
                }
                guard let seconds else { break }
                let end = now + max(1, Int64(seconds * 1e9))
                events.insert(Event(time: end, kind: .stepEnd, key: index, payload: .stepEnd(index)))
            case let .reload(index):
                // A prompt's offloaded blocks are back on the GPU: its prefill can be planned.
                scheduleWake(index)
            }
        }
        refreshGauges()
    }

    /// A step's first and last tokens as notes, in the order the streamed emissions would have
    /// had: decoding sequences that finished, then prompts that completed.
    private mutating func record(_ outcome: Worker.StepOutcome, worker index: Int, into notes: inout [DecodeNote]) {
        let step = stepLog[index].count
        stepLog[index].append(now)
        for finish in outcome.finished {
            statistics.generationTokens += finish.tokens
            notes.append(.last(request: finish.id, worker: index, lastStep: step, decodeSteps: finish.decodeSteps))
        }
        for first in outcome.firstTokens {
            statistics.generationTokens += 1
            notes.append(.first(request: first.id, time: now, finished: first.finished))
        }
    }

    /// Steps start from a wake event ordered after same-time arrivals, so requests that arrive
    /// together are batched together on either clock.
    private mutating func scheduleWake(_ index: Int) {
        guard !workers[index].busy, workers[index].hasWork, !wakePending.contains(index) else { return }
        wakePending.insert(index)
        events.insert(Event(time: now, kind: .wake, key: index, payload: .wake(index)))
    }

    private mutating func prefill(_ request: SimRequest) {
        let target = prefillWorkers.min { workers[$0].outstandingPrefill < workers[$1].outstandingPrefill } ?? prefillWorkers.lowerBound
        workers[target].enqueue(request)
        scheduleWake(target)
    }

    /// Sends held arrivals to prefill, in arrival order, while a decode worker has a slot and KV for them.
    private mutating func prefillHeldRequests() {
        while let head = held.first,
            decodeSlots?.promise(request: head.id, kv: workers[decodeWorkers.lowerBound].reservation(for: head)) != nil
        {
            held.removeFirst()
            prefill(head)
        }
    }

    private mutating func refreshGauges() {
        statistics.running = workers.reduce(0) { $0 + $1.runningCount }
        statistics.waiting = held.count + workers.reduce(0) { $0 + $1.waiting.count }
        statistics.kvUsedTokens = workers.reduce(0) { $0 + $1.kvHeld }
        statistics.kvCapacityTokens = workers.reduce(0) { $0 + $1.kvCapacity }
        statistics.kvUsagePeak = workers.reduce(0) { max($0, $1.kvUsagePeak) }
        if config.prefixCache {
            statistics.prefixCache = workers.reduce(into: PrefixCacheStatistics()) { $0.add($1.cacheStatistics) }
        }
    }

    /// Ordered by time, then kind (step ends, transfers, arrivals, reloads, wakes), then key, so
    /// simultaneous events resolve the same way whatever order they were inserted in.
    private struct Event: Comparable, Sendable {
        enum Kind: Int, Sendable { case stepEnd, transfer, arrival, reload, wake }
        enum Payload: Sendable {
            case arrival(SimRequest)
            case stepEnd(Int)
            case transfer(SimRequest)
            case reload(Int)
            case wake(Int)
        }

        var time: Int64
        var kind: Kind
        var key: Int
        var payload: Payload

        static func < (a: Event, b: Event) -> Bool {
            (a.time, a.kind.rawValue, a.key) < (b.time, b.kind.rawValue, b.key)
        }

        static func == (a: Event, b: Event) -> Bool {
            (a.time, a.kind.rawValue, a.key) == (b.time, b.kind.rawValue, b.key)
        }
    }
}
