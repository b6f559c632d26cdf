import Metrics
import SimEngine

extension ServerCacheSummary {
    /// The simulated engine's counters over a measured phase, read straight from the core on the
    /// virtual clock: what its `/metrics` would have shown scraped before and after (a prefix-cache
    /// query counts the prompt's tokens, a hit the cached ones, by tier, as vLLM counts them).
    static func simulated(from start: SimStatistics, to end: SimStatistics, kvUsagePeak: Double) -> ServerCacheSummary {
        let before = start.prefixCache, after = end.prefixCache
        let queries = Double(after.queryTokens - before.queryTokens)
        let gpu = Double(after.gpuHitTokens - before.gpuHitTokens), cpu = Double(after.cpuHitTokens - before.cpuHitTokens)
        func share(_ tokens: Double) -> Double? { queries > 0 ? tokens / queries : nil }
        let offloads = after.offloadBytes > before.offloadBytes || after.reloadBytes > before.reloadBytes
        return ServerCacheSummary(
            adapter: "sim", overallHitRate: share(gpu + cpu), gpuHitRate: share(gpu), cpuHitRate: share(cpu), promptTokens: queries,
            cachedTokens: gpu + cpu, kvUsagePeak: kvUsagePeak,
            offloadBytesToCPU: offloads ? after.offloadBytes - before.offloadBytes : nil,
            offloadBytesToGPU: offloads ? after.reloadBytes - before.reloadBytes : nil,
            offloadSecondsToCPU: offloads ? after.offloadSeconds - before.offloadSeconds : nil,
            offloadSecondsToGPU: offloads ? after.reloadSeconds - before.reloadSeconds : nil)
    }
}
