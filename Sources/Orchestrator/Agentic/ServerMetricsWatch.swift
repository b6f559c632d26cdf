import Engines
import Foundation
import Metrics

/// The engine's Prometheus `/metrics` over one agentic point, as InferenceX's server-metric backends
/// read it: scraped when profiling begins, every `interval` while it runs (for gauge peaks such as
/// KV usage), and when it ends. An engine without `/metrics` leaves the point without server figures;
/// it never fails the point.
actor ServerMetricsWatch {
    private let host: String
    private let port: Int
    private let framework: String
    private let interval: Duration
    private var before: ServerMetricsScrape?
    private var during: [ServerMetricsScrape] = []
    private var lastScrape: ContinuousClock.Instant?
    private var unavailable = false
    /// Scrapes kept for peaks; beyond it the newest replaces the oldest (an hour at 5 s is 720).
    static let maxDuring = 1_000

    init(host: String, port: Int, framework: String, interval: Duration = .seconds(5)) {
        self.host = host
        self.port = port
        self.framework = framework
        self.interval = interval
    }

    /// Called while profiling runs: the first call takes the baseline, later ones sample gauges.
    func profilingRunning() async {
        guard !unavailable else { return }
        let now = ContinuousClock.now
        if before == nil {
            before = await scrape()
            lastScrape = now
        } else if let last = lastScrape, now - last >= interval, let sample = await scrape() {
            if during.count >= Self.maxDuring { during.removeFirst() }
            during.append(sample)
            lastScrape = now
        }
    }

    /// The final scrape and what the engine's counters say about the point.
    func finish() async -> ServerCacheSummary? {
        guard let before, !unavailable, let after = await scrape() else { return nil }
        return ServerCacheSummary(ServerMetricsDelta(before: before, after: after, during: during, framework: framework))
    }

    private func scrape() async -> ServerMetricsScrape? {
        let (host, port) = (host, port)
        do {
            return try await offThread { () throws(EngineError) in try ServerMetricsScrape.fetch(host: host, port: port) }
        } catch {
            unavailable = true
            return nil
        }
    }
}

extension ServerCacheSummary {
    /// The engine's counters as bench stores them; every series, known to an adapter or not, kept raw.
    init(_ delta: ServerMetricsDelta) {
        let cached = delta.prefixHitTokens.map { $0 + (delta.cpuHitTokens ?? 0) } ?? delta.cpuHitTokens
        var raw = delta.counters
        for (name, peak) in delta.gauges { raw["peak " + name] = peak }
        self.init(
            adapter: delta.adapter?.rawValue ?? "unknown", overallHitRate: delta.serverCacheHitRate, gpuHitRate: delta.gpuCacheHitRate,
            cpuHitRate: delta.cpuCacheHitRate, promptTokens: delta.promptTokens ?? delta.prefixQueryTokens, cachedTokens: cached,
            kvUsagePeak: delta.kvUsagePeak, offloadBytesToCPU: delta.offloadBytes, offloadBytesToGPU: delta.reloadBytes,
            offloadSecondsToCPU: delta.offloadSeconds, offloadSecondsToGPU: delta.reloadSeconds, raw: raw)
    }
}
