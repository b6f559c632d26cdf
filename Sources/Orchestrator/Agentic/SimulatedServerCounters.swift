import Metrics
import SimEngine

extension ServerCacheSummary {
    /// The simulated engine's counters over a measured phase, read straight from the core on the
    /// virtual clock (what its `/metrics` would have shown scraped before and after).
    static func simulated(from start: SimStatistics, to end: SimStatistics, kvUsagePeak: Double) -> ServerCacheSummary {
        ServerCacheSummary(
            adapter: "sim", promptTokens: Double(end.promptTokens - start.promptTokens), kvUsagePeak: kvUsagePeak)
    }
}
