/// The metrics of one benchmark point, exactly as DESIGN.md defines them. Latencies are in
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
    /// GPU is then per prefill GPU and output per decode GPU (DESIGN.md); total stays per GPU.
    public var prefillGPUs: Int?
    public var decodeGPUs: Int?
    public var ttft: Distribution?
    public var tpot: Distribution?
    /// Per token, pooled over requests.
    public var itl: Distribution?
    public var e2el: Distribution?
    /// Raw gaps between events.
    public var interChunk: Distribution?
    /// tok/s/user: 1 / median TPOT (InferenceX's definition).
    public var interactivity: Double?
    /// The median of each request's 1 / TPOT, stored beside it.
    public var medianRequestInteractivity: Double?

    public init(records: [RequestRecord], concurrency: Int? = nil, gpus: Int? = nil, pools: (prefill: Int, decode: Int)? = nil) {
        prefillGPUs = pools?.prefill
        decodeGPUs = pools?.decode
        let done = records.filter(\.succeeded)
        completed = done.count
        failed = records.count - done.count
        failuresByKind = records.reduce(into: [:]) { counts, record in
            if !record.succeeded { counts[record.error?.kind ?? .incomplete, default: 0] += 1 }
        }
        inputTokens = done.reduce(0) { $0.addingSaturated($1.promptTokens) }
        outputTokens = done.reduce(0) { $0.addingSaturated($1.outputTokens) }
        lengthMismatches = done.count { $0.outputTokens != $0.requestedOutputTokens }
        usageCounted = done.count { $0.outputCountSource == .usage }
        let start = records.map(\.start).min() ?? 0, end = records.map(\.end).max() ?? 0
        durationSeconds = (Double(end) - Double(start)) / 1e9
        let perSecond = durationSeconds > 0 ? 1 / durationSeconds : 0
        requestThroughput = Double(completed) * perSecond
        inputThroughput = Double(inputTokens) * perSecond
        outputThroughput = Double(outputTokens) * perSecond
        totalThroughput = Double(inputTokens.addingSaturated(outputTokens)) * perSecond
        self.gpus = gpus
        steadyState = concurrency.flatMap { SteadyState(records: records, concurrency: $0) }

        let tpots = done.compactMap(\.tpot)
        ttft = Distribution(done.compactMap(\.ttft))
        tpot = Distribution(tpots)
        itl = Distribution(done.flatMap(\.interTokenLatencies))
        e2el = Distribution(done.compactMap(\.e2el))
        interChunk = Distribution(done.flatMap(\.interChunkLatencies))
        interactivity = tpot.flatMap { $0.median > 0 ? 1 / $0.median : nil }
        medianRequestInteractivity = Distribution(tpots.filter { $0 > 0 }.map { 1 / $0 })?.median
    }

    /// A point measured by another tool, from its summary figures (no per-request records).
    public init(reportedCompleted completed: Int, failed: Int, inputTokens: Int, outputTokens: Int, durationSeconds: Double,
                requestThroughput: Double, inputThroughput: Double, outputThroughput: Double, gpus: Int?,
                ttft: Distribution?, tpot: Distribution?, itl: Distribution?, e2el: Distribution?) {
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
        // Ends sort before starts at the same instant: a slot handed on is not a slot doubled.
        let changes = records.flatMap { [($0.start, 1), ($0.end, -1)] }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
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
        let tokens = records.filter(\.succeeded).reduce(0) { sum, record in
            sum.addingSaturated(record.events.reduce(0) { $0.addingSaturated(($1.time >= first && $1.time <= last) ? $1.tokens : 0) })
        }
        outputThroughput = Double(tokens) / (Double(last - first) / 1e9)
    }
}
