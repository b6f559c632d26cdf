/// Everything an agentic-coding point measured beyond `PointMetrics`: InferenceX's request
/// statistics, what the engine's own counters said, and the replay's bookkeeping.
public struct AgenticMeasurement: Sendable, Codable, Equatable {
    public var metrics: AgenticMetrics
    /// Counter deltas and gauge peaks from the engine's `/metrics` over the point (nil: none read).
    public var server: ServerCacheSummary?
    /// Requests the engine refused because prompt plus output exceeded its context (also failures).
    public var contextOverflows: Int
    /// Warmup requests sent before profiling (excluded from every metric).
    public var warmupRequests: Int
    /// Distinct traces the lanes started during profiling.
    public var tracesStarted: Int

    public init(metrics: AgenticMetrics, server: ServerCacheSummary?, contextOverflows: Int, warmupRequests: Int, tracesStarted: Int) {
        self.metrics = metrics
        self.server = server
        self.contextOverflows = contextOverflows
        self.warmupRequests = warmupRequests
        self.tracesStarted = tracesStarted
    }
}

/// The engine's prefix-cache and KV-offload counters over one point, normalised across engines as
/// InferenceX's server-metric backends read them. Rates are fractions (0–1); nil when the engine
/// does not expose what they need.
public struct ServerCacheSummary: Sendable, Codable, Equatable {
    /// Which names were read: `vllm`, `sglang`, `dynamo`, `atom`, or `sim` (the simulator's own counters).
    public var adapter: String
    /// Cached prompt tokens (any tier) over prompt tokens: InferenceX's `server_overall_cache_hit_rate`.
    public var overallHitRate: Double?
    public var gpuHitRate: Double?
    /// Served from the CPU (or another external) tier.
    public var cpuHitRate: Double?
    public var promptTokens: Double?
    public var cachedTokens: Double?
    /// Peak GPU KV-cache usage seen, 0–1.
    public var kvUsagePeak: Double?
    public var offloadBytesToCPU: Double?
    public var offloadBytesToGPU: Double?
    public var offloadSecondsToCPU: Double?
    public var offloadSecondsToGPU: Double?
    /// Counters and gauges no adapter knows, by their exposed name: recorded, never an error.
    public var raw: [String: Double]

    public init(
        adapter: String, overallHitRate: Double? = nil, gpuHitRate: Double? = nil, cpuHitRate: Double? = nil,
        promptTokens: Double? = nil, cachedTokens: Double? = nil, kvUsagePeak: Double? = nil,
        offloadBytesToCPU: Double? = nil, offloadBytesToGPU: Double? = nil, offloadSecondsToCPU: Double? = nil,
        offloadSecondsToGPU: Double? = nil, raw: [String: Double] = [:]
    ) {
        self.adapter = adapter
        self.overallHitRate = overallHitRate
        self.gpuHitRate = gpuHitRate
        self.cpuHitRate = cpuHitRate
        self.promptTokens = promptTokens
        self.cachedTokens = cachedTokens
        self.kvUsagePeak = kvUsagePeak
        self.offloadBytesToCPU = offloadBytesToCPU
        self.offloadBytesToGPU = offloadBytesToGPU
        self.offloadSecondsToCPU = offloadSecondsToCPU
        self.offloadSecondsToGPU = offloadSecondsToGPU
        self.raw = raw
    }

    /// KV bytes moved between GPU and CPU, both ways, per second of the point (GB/s, decimal): how
    /// much host-link traffic the workload drives. nil without offload counters.
    public func offloadGBps(durationSeconds: Double) -> Double? {
        guard durationSeconds > 0, offloadBytesToCPU != nil || offloadBytesToGPU != nil else { return nil }
        return ((offloadBytesToCPU ?? 0) + (offloadBytesToGPU ?? 0)) / durationSeconds / 1e9
    }
}
