import SimEngine

/// The prefix cache and KV offload in `/metrics` under vLLM's and SGLang's own names (vLLM's
/// `prefix_cache_*`, `prompt_tokens_by_source`, offloading connector's `kv_offload_total_*`;
/// SGLang's `cached_tokens{cache_source}`, `token_usage`, HiCache host gauges), so a scraper reads
/// the simulator exactly as it reads those engines.
enum PrefixCacheMetrics {
    /// `modelLabel`: the label pair every sample carries, `model_name="…"`.
    static func lines(_ stats: SimStatistics, offload: Bool, modelLabel: some StringProtocol) -> [String] {
        let cache = stats.prefixCache
        var lines: [String] = []
        func family(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: String)]) {
            lines += ["# HELP \(name) \(help)", "# TYPE \(name) \(type)"]
            for sample in samples {
                lines.append("\(name){\(modelLabel)\(sample.labels.isEmpty ? "" : ",")\(sample.labels)} \(sample.value)")
            }
        }
        func one(_ value: some Numeric & CustomStringConvertible) -> [(labels: String, value: String)] { [("", value.description)] }

        family("vllm:prefix_cache_queries_total", "counter", "Prompt tokens looked up in the prefix cache.", one(cache.queryTokens))
        family("vllm:prefix_cache_hits_total", "counter", "Prompt tokens found in the GPU prefix cache.", one(cache.gpuHitTokens))
        family(
            "vllm:prompt_tokens_by_source_total", "counter", "Prompt tokens by where their KV came from.",
            [
                ("source=\"local_compute\"", String(cache.queryTokens - cache.hitTokens)),
                ("source=\"local_cache_hit\"", String(cache.gpuHitTokens)),
                ("source=\"external_kv_transfer\"", String(cache.cpuHitTokens)),
            ])
        family("sglang:prompt_tokens_total", "counter", "Prompt tokens received.", one(stats.promptTokens))
        family("sglang:generation_tokens_total", "counter", "Tokens generated.", one(stats.generationTokens))
        var cached = [("cache_source=\"device\"", String(cache.gpuHitTokens))]
        if offload { cached.append(("cache_source=\"host\"", String(cache.cpuHitTokens))) }
        family("sglang:cached_tokens_total", "counter", "Prompt tokens served from the cache.", cached)
        family("sglang:token_usage", "gauge", "Share of the KV cache held, 0 to 1.", one(stats.kvUsage))
        family("sglang:max_total_num_tokens", "gauge", "KV cache size in tokens.", one(stats.kvCapacityTokens))
        family("bench_sim_kv_cache_usage_peak", "gauge", "Highest share of one worker's KV cache held since start, 0 to 1.", one(stats.kvUsagePeak))
        guard offload else { return lines }
        family(
            "vllm:external_prefix_cache_queries_total", "counter", "Prompt tokens the GPU cache missed, looked up in the CPU tier.",
            one(cache.queryTokens - cache.gpuHitTokens))
        family("vllm:external_prefix_cache_hits_total", "counter", "Prompt tokens found in the CPU tier.", one(cache.cpuHitTokens))
        family(
            "vllm:kv_offload_total_bytes_total", "counter", "KV bytes moved between GPU and CPU memory.",
            [("transfer_type=\"GPU_to_CPU\"", cache.offloadBytes.description), ("transfer_type=\"CPU_to_GPU\"", cache.reloadBytes.description)])
        family(
            "vllm:kv_offload_total_time_total", "counter", "Seconds the host links spent moving KV (summed over GPUs).",
            [("transfer_type=\"GPU_to_CPU\"", cache.offloadSeconds.description), ("transfer_type=\"CPU_to_GPU\"", cache.reloadSeconds.description)])
        let blockSize = PrefixBlocks.blockSize
        family("sglang:hicache_host_used_tokens", "gauge", "Tokens held in the CPU tier.", one(cache.cpuBlocks * blockSize))
        family("sglang:hicache_host_total_tokens", "gauge", "CPU tier size in tokens.", one(cache.cpuCapacityBlocks * blockSize))
        return lines
    }
}
