/// What an engine's server metrics say about one benchmark point: counter deltas between the scrapes
/// before and after it, gauge peaks over every scrape, and the canonical cache and offload fields its
/// adapter reads from them (nil where the engine does not report one). Names no adapter knows stay
/// in `counters` and `gauges`, by series.
public struct ServerMetricsDelta: Sendable, Equatable, Codable {
    public var adapter: ServerMetricsAdapter?
    public var promptTokens: Double?
    public var generationTokens: Double?
    /// Prompt tokens looked up in the prefix cache.
    public var prefixQueryTokens: Double?
    /// Prompt tokens found in the GPU prefix cache.
    public var prefixHitTokens: Double?
    /// Prompt tokens found in the CPU tier or an external KV store.
    public var cpuHitTokens: Double?
    public var gpuCacheHitRate: Double?
    public var cpuCacheHitRate: Double?
    /// InferenceX's `server_overall_cache_hit_rate`, computed its way for each engine.
    public var serverCacheHitRate: Double?
    /// Highest GPU KV cache usage seen, 0 to 1.
    public var kvUsagePeak: Double?
    public var cpuKVUsagePeak: Double?
    /// GPU to CPU.
    public var offloadBytes: Double?
    public var offloadSeconds: Double?
    /// CPU to GPU.
    public var reloadBytes: Double?
    public var reloadSeconds: Double?
    /// Every counter series' increase, by `name{labels}`.
    public var counters: [String: Double] = [:]
    /// Every gauge series' highest value, by `name{labels}`.
    public var gauges: [String: Double] = [:]

    /// Offload rate GPU to CPU, bytes per second of link time.
    public var offloadBytesPerSecond: Double? { Self.rate(offloadBytes, offloadSeconds) }
    public var reloadBytesPerSecond: Double? { Self.rate(reloadBytes, reloadSeconds) }

    /// `during`: scrapes taken inside the point, for gauge peaks. `framework` (InferenceX's name,
    /// e.g. dynamo-vllm) picks the adapter when the metric names do not.
    public init(before: ServerMetricsScrape, after: ServerMetricsScrape, during: [ServerMetricsScrape] = [], framework: String = "") {
        let series = SeriesValues(before: before, after: after, during: during)
        counters = Dictionary(uniqueKeysWithValues: series.counters.map { ($0.key.key, $0.value) })
        gauges = Dictionary(uniqueKeysWithValues: series.gauges.map { ($0.key.key, $0.value) })
        adapter = ServerMetricsAdapter.detect(names: series.names, framework: framework)
        adapter?.fill(&self, from: series)
    }

    static func rate(_ numerator: Double?, _ denominator: Double?) -> Double? {
        guard let numerator, let denominator, denominator > 0 else { return nil }
        return numerator / denominator
    }
}
