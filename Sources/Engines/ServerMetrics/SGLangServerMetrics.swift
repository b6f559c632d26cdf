/// SGLang's names, read as InferenceX's sglang.py does: cached tokens by `cache_source` over prompt tokens.
extension ServerMetricsDelta {
    mutating func readSGLang(_ series: SeriesValues) {
        promptTokens = series.counter(["sglang:prompt_tokens"])
        generationTokens = series.counter(["sglang:generation_tokens"])
        let cached = series.counterByLabel(["sglang:cached_tokens"], label: "cache_source")
        let device = cached["device"], host = cached["host"]
        prefixQueryTokens = promptTokens
        prefixHitTokens = device
        cpuHitTokens = host
        gpuCacheHitRate = Self.rate(device, promptTokens)
        cpuCacheHitRate = Self.rate(host, promptTokens)
        serverCacheHitRate =
            Self.rate(cached.isEmpty ? nil : cached.values.reduce(0, +), promptTokens)
            ?? ServerMetricsAdapter.fraction(series.meanGauge(["sglang:cache_hit_rate"]))
        kvUsagePeak = ServerMetricsAdapter.fraction(series.gauge(["sglang:token_usage"]))
        cpuKVUsagePeak = Self.rate(series.gauge(["sglang:hicache_host_used_tokens"]), series.gauge(["sglang:hicache_host_total_tokens"]))
    }
}
