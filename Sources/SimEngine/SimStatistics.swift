/// The engine's gauges and counters, as `/metrics` exposes them.
public struct SimStatistics: Sendable, Equatable {
    public var running = 0
    public var waiting = 0
    public var kvUsedTokens = 0
    public var kvCapacityTokens = 0
    public var promptTokens = 0
    public var generationTokens = 0
    public var steps = 0
    public var stepSecondsSum = 0.0
    /// Counts per upper bound of `stepBuckets`, plus one for +Inf.
    public var stepBucketCounts = [Int](repeating: 0, count: SimStatistics.stepBuckets.count + 1)
    /// Highest share of any worker's KV cache held (reserved by requests or pinned by them) so far.
    public var kvUsagePeak = 0.0
    public var prefixCache = PrefixCacheStatistics()

    public static let stepBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    public var kvUsage: Double { kvCapacityTokens == 0 ? 0 : Double(kvUsedTokens) / Double(kvCapacityTokens) }

    mutating func recordStep(seconds: Double) {
        steps += 1
        stepSecondsSum += seconds
        let bucket = Self.stepBuckets.firstIndex { seconds <= $0 } ?? Self.stepBuckets.count
        stepBucketCounts[bucket] += 1
    }
}

/// What the prefix cache and KV offload did since the engine started (counters) and hold now (gauges).
public struct PrefixCacheStatistics: Sendable, Equatable {
    /// Prompt tokens of requests looked up in the cache.
    public var queryTokens = 0
    /// Prompt tokens found on the GPU.
    public var gpuHitTokens = 0
    /// Prompt tokens found only in the CPU tier (loaded back).
    public var cpuHitTokens = 0
    /// GPU to CPU: bytes copied over every GPU's host link, and those links' busy seconds summed.
    public var offloadBytes = 0.0
    public var offloadSeconds = 0.0
    /// CPU to GPU, the same way.
    public var reloadBytes = 0.0
    public var reloadSeconds = 0.0
    /// CPU tier blocks held now and its size.
    public var cpuBlocks = 0
    public var cpuCapacityBlocks = 0

    public var hitTokens: Int { gpuHitTokens + cpuHitTokens }

    public init() {}

    mutating func add(_ other: PrefixCacheStatistics) {
        queryTokens += other.queryTokens
        gpuHitTokens += other.gpuHitTokens
        cpuHitTokens += other.cpuHitTokens
        offloadBytes += other.offloadBytes
        offloadSeconds += other.offloadSeconds
        reloadBytes += other.reloadBytes
        reloadSeconds += other.reloadSeconds
        cpuBlocks += other.cpuBlocks
        cpuCapacityBlocks += other.cpuCapacityBlocks
    }
}
