/// ATOM's names (`atom:` from a worker, `atom_` through Atomesh), read as InferenceX's atom.py does.
extension ServerMetricsDelta {
    mutating func readATOM(_ series: SeriesValues) {
        func names(_ stem: String) -> [String] { ["atom:\(stem)", "atom_\(stem)"] }
        promptTokens = series.counter(names("prompt_tokens"))
        generationTokens = series.counter(names("generation_tokens"))
        let cached = series.counter(names("prefix_cache_cached_tokens")), full = series.counter(names("prefix_cache_full_tokens"))
        let external = series.counter(names("lmcache_loaded_tokens"))
        prefixQueryTokens = full
        prefixHitTokens = cached
        cpuHitTokens = external
        gpuCacheHitRate = Self.rate(cached, full)
        cpuCacheHitRate = Self.rate(external, full)
        // ATOM's cached count already includes completed LMCache loads: not added a second time.
        serverCacheHitRate = gpuCacheHitRate
        kvUsagePeak = ServerMetricsAdapter.fraction(series.gauge(names("kv_cache_usage_ratio")))
    }
}
