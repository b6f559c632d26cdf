/// The metrics of one benchmark point, exactly as docs/metrics.md defines them. Latencies are in
/// seconds, throughputs in tokens (or requests) per second.
public struct PointMetrics: Sendable, Codable, Equatable {
    public var completed: Int
    public var failed: Int
    public var failuresByKind: [RequestError.Kind: Int]
    public var inputTokens: Int
    public var outputTokens: Int
    /// Completed requests whose N differs from the requested output length.
    public var lengthMismatches: Int
    /// Completed requests whose N came from the server's usage (the rest counted events).
    public var usageCounted: Int
    /// First request start → last end of the measured requests.
    public var durationSeconds: Double
    public var steadyState: SteadyState?
    public var requestThroughput: Double
    public var inputThroughput: Double
    public var outputThroughput: Double
    public var totalThroughput: Double
    public var gpus: Int?
    /// Disaggregated deployments: the GPUs of the prefill and decode pools. Input throughput per
    /// GPU is then per prefill GPU and output per decode GPU (docs/metrics.md); total stays per GPU.
    public var prefillGPUs: Int?
    public var decodeGPUs: Int?
    public var ttft: Distribution?
    public var tpot: Distribution?
    /// Inter-token latency as vLLM and InferenceX define it (their `*_itl_ms`): the raw gap between
    /// consecutive events that carry output, pooled over requests.
    public var itl: Distribution?
    /// bench's own per-token ITL: each gap divided evenly over the tokens its event carries (differs
    /// from `itl` under speculative decoding or a stream interval above 1); `bench_*_itl_per_token_ms`.
    public var itlPerToken: Distribution?
    public var e2el: Distribution?
    /// tok/s/user: 1 / median TPOT (InferenceX's definition).
    public var interactivity: Double?
    /// The median of each request's 1 / TPOT, stored beside it.
    public var medianRequestInteractivity: Double?

    public init(records: [RequestRecord], concurrency: Int? = nil, gpus: Int? = nil, pools: (prefill: Int, decode: Int)? = nil) {
        let done = records.filter(\.succeeded)
        self.init(
            summaries: records.map(RequestSummary.init), itl: WeightedSamples(done.flatMap(\.interChunkLatencies)),
            itlPerToken: WeightedSamples(done.flatMap(\.interTokenLatencies)),
            steadyState: concurrency.flatMap { SteadyState(records: records, concurrency: $0) }, gpus: gpus, pools: pools)
    }

    /// From requests reduced to their summaries and the pooled inter-token gaps (per event and per
    /// token), as the simulator's compact timelines give them; the records' initialiser comes here too.
    public init(
        summaries: [RequestSummary], itl chunkGaps: WeightedSamples, itlPerToken tokenGaps: WeightedSamples, steadyState: SteadyState?,
        gpus: Int? = nil, pools: (prefill: Int, decode: Int)? = nil
    ) {
        prefillGPUs = pools?.prefill
        decodeGPUs = pools?.decode
        let done = summaries.filter(\.succeeded)
        completed = done.count
        failed = summaries.count - done.count
        failuresByKind = summaries.reduce(into: [:]) { counts, summary in
            if let failure = summary.failure { counts[failure, default: 0] += 1 }
        }
        inputTokens = done.reduce(0) { $0.addingSaturated($1.promptTokens) }
        outputTokens = done.reduce(0) { $0.addingSaturated($1.outputTokens) }
        lengthMismatches = done.count { $0.outputTokens != $0.requestedOutputTokens }
        usageCounted = done.count(where: \.usageCounted)
        let start = summaries.map(\.start).min() ?? 0, end = summaries.map(\.end).max() ?? 0
        durationSeconds = (Double(end) - Double(start)) / 1e9
        let perSecond = durationSeconds > 0 ? 1 / durationSeconds : 0
        requestThroughput = Double(completed) * perSecond
        inputThroughput = Double(inputTokens) * perSecond
        outputThroughput = Double(outputTokens) * perSecond
        totalThroughput = Double(inputTokens.addingSaturated(outputTokens)) * perSecond
        self.gpus = gpus
        self.steadyState = steadyState

        let tpots = done.compactMap(\.tpot)
        ttft = Distribution(done.compactMap(\.ttft))
        tpot = Distribution(tpots)
        itl = Distribution(chunkGaps)
        itlPerToken = Distribution(tokenGaps)
        e2el = Distribution(done.compactMap(\.e2el))
        interactivity = tpot.flatMap { $0.median > 0 ? 1 / $0.median : nil }
        medianRequestInteractivity = Distribution(tpots.filter { $0 > 0 }.map { 1 / $0 })?.median
    }

    /// A point measured by another tool, from its summary figures (no per-request records).
    public init(
        reportedCompleted completed: Int, failed: Int, inputTokens: Int, outputTokens: Int, durationSeconds: Double,
        requestThroughput: Double, inputThroughput: Double, outputThroughput: Double, gpus: Int?,
        pools: (prefill: Int, decode: Int)? = nil,
        ttft: Distribution?, tpot: Distribution?, itl: Distribution?, itlPerToken: Distribution? = nil, e2el: Distribution?
    ) {
        prefillGPUs = pools?.prefill
        decodeGPUs = pools?.decode
        self.itlPerToken = itlPerToken
        self.completed = completed
        self.failed = failed
        failuresByKind = [:]
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        lengthMismatches = 0
        usageCounted = 0
        self.durationSeconds = durationSeconds
        self.requestThroughput = requestThroughput
        self.inputThroughput = inputThroughput
        self.outputThroughput = outputThroughput
        totalThroughput = inputThroughput + outputThroughput
        self.gpus = gpus
        self.ttft = ttft
        self.tpot = tpot
        self.itl = itl
        self.e2el = e2el
        interactivity = tpot.flatMap { $0.median > 0 ? 1 / $0.median : nil }
    }

    /// Total (input + output) tokens per second per GPU: InferenceX's `tput_per_gpu`.
    public var totalThroughputPerGPU: Double? { gpus.map { totalThroughput / Double($0) } }
    public var outputThroughputPerGPU: Double? { (decodeGPUs ?? gpus).map { outputThroughput / Double($0) } }
    public var inputThroughputPerGPU: Double? { (prefillGPUs ?? gpus).map { inputThroughput / Double($0) } }
}

/// The window in which every concurrency slot was busy: from the first moment `concurrency`
/// requests were in flight to the last moment they still were.
public struct SteadyState: Sendable, Codable, Equatable {
    public var start: Int64
    public var end: Int64
    /// Output tokens whose events arrived inside the window, per second of it.
    public var outputThroughput: Double

    public init?(records: [RequestRecord], concurrency: Int) {
        let done = records.filter(\.succeeded)
        self.init(intervals: records.map { ($0.start, $0.end) }, concurrency: concurrency) { first, last in
            done.reduce(0) { sum, record in
                sum.addingSaturated(record.events.reduce(0) { $0.addingSaturated(($1.time >= first && $1.time <= last) ? $1.tokens : 0) })
            }
        }
    }

    /// From each request's (start, end); `tokensInside(first, last)` counts the output tokens of
    /// successful requests whose events arrived in [first, last].
    public init?(intervals: [(start: Int64, end: Int64)], concurrency: Int, tokensInside: (Int64, Int64) -> Int) {
        // Ends sort before starts at the same instant: a slot handed on is not a slot doubled.
        let changes = intervals.flatMap { [($0.start, 1), ($0.end, -1)] }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        var inFlight = 0
        var first: Int64?, last: Int64?
        for (time, change) in changes {
            if change < 0 && inFlight >= concurrency { last = time }
            inFlight += change
            if inFlight >= concurrency && first == nil { first = time }
        }
        guard let first, let last, last > first else { return nil }
        start = first
        end = last
        outputThroughput = Double(tokensInside(first, last)) / (Double(last - first) / 1e9)
    }
}

extension PointMetrics {
    private enum CodingKeys: String, CodingKey {
        case completed, failed, failuresByKind, inputTokens, outputTokens, lengthMismatches, usageCounted, durationSeconds,
            steadyState, requestThroughput, inputThroughput, outputThroughput, totalThroughput, gpus, prefillGPUs, decodeGPUs,
            ttft, tpot, itl, itlPerToken, e2el, interactivity, medianRequestInteractivity
        /// Stores before the ITL names followed vLLM kept per-token ITL under `itl` and the raw gaps here.
        case interChunk
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        completed = try c.decode(Int.self, forKey: .completed)
        failed = try c.decode(Int.self, forKey: .failed)
        failuresByKind = try c.decodeIfPresent([RequestError.Kind: Int].self, forKey: .failuresByKind) ?? [:]
        inputTokens = try c.decode(Int.self, forKey: .inputTokens)
        outputTokens = try c.decode(Int.self, forKey: .outputTokens)
        lengthMismatches = try c.decodeIfPresent(Int.self, forKey: .lengthMismatches) ?? 0
        usageCounted = try c.decodeIfPresent(Int.self, forKey: .usageCounted) ?? 0
        durationSeconds = try c.decode(Double.self, forKey: .durationSeconds)
        steadyState = try c.decodeIfPresent(SteadyState.self, forKey: .steadyState)
        requestThroughput = try c.decode(Double.self, forKey: .requestThroughput)
        inputThroughput = try c.decode(Double.self, forKey: .inputThroughput)
        outputThroughput = try c.decode(Double.self, forKey: .outputThroughput)
        totalThroughput = try c.decode(Double.self, forKey: .totalThroughput)
        gpus = try c.decodeIfPresent(Int.self, forKey: .gpus)
        prefillGPUs = try c.decodeIfPresent(Int.self, forKey: .prefillGPUs)
        decodeGPUs = try c.decodeIfPresent(Int.self, forKey: .decodeGPUs)
        ttft = try c.decodeIfPresent(Distribution.self, forKey: .ttft)
        tpot = try c.decodeIfPresent(Distribution.self, forKey: .tpot)
        e2el = try c.decodeIfPresent(Distribution.self, forKey: .e2el)
        if c.contains(.interChunk) {
            itl = try c.decodeIfPresent(Distribution.self, forKey: .interChunk)
            itlPerToken = try c.decodeIfPresent(Distribution.self, forKey: .itl)
        } else {
            itl = try c.decodeIfPresent(Distribution.self, forKey: .itl)
            itlPerToken = try c.decodeIfPresent(Distribution.self, forKey: .itlPerToken)
        }
        interactivity = try c.decodeIfPresent(Double.self, forKey: .interactivity)
        medianRequestInteractivity = try c.decodeIfPresent(Double.self, forKey: .medianRequestInteractivity)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(completed, forKey: .completed)
        try c.encode(failed, forKey: .failed)
        try c.encode(failuresByKind, forKey: .failuresByKind)
        try c.encode(inputTokens, forKey: .inputTokens)
        try c.encode(outputTokens, forKey: .outputTokens)
        try c.encode(lengthMismatches, forKey: .lengthMismatches)
        try c.encode(usageCounted, forKey: .usageCounted)
        try c.encode(durationSeconds, forKey: .durationSeconds)
        try c.encodeIfPresent(steadyState, forKey: .steadyState)
        try c.encode(requestThroughput, forKey: .requestThroughput)
        try c.encode(inputThroughput, forKey: .inputThroughput)
        try c.encode(outputThroughput, forKey: .outputThroughput)
        try c.encode(totalThroughput, forKey: .totalThroughput)
        try c.encodeIfPresent(gpus, forKey: .gpus)
        try c.encodeIfPresent(prefillGPUs, forKey: .prefillGPUs)
        try c.encodeIfPresent(decodeGPUs, forKey: .decodeGPUs)
        try c.encodeIfPresent(ttft, forKey: .ttft)
        try c.encodeIfPresent(tpot, forKey: .tpot)
        try c.encodeIfPresent(itl, forKey: .itl)
        try c.encodeIfPresent(itlPerToken, forKey: .itlPerToken)
        try c.encodeIfPresent(e2el, forKey: .e2el)
        try c.encodeIfPresent(interactivity, forKey: .interactivity)
        try c.encodeIfPresent(medianRequestInteractivity, forKey: .medianRequestInteractivity)
    }
}
