/// vLLM's names (and Dynamo's, which wraps vLLM workers), read as InferenceX's vllm.py and dynamo_vllm.py do.
extension ServerMetricsDelta {
    mutating func readVLLM(_ series: SeriesValues, prompt: [String], generation: [String]) {
        promptTokens = series.firstCounter(prompt)
        generationTokens = series.firstCounter(generation)
        let hits = series.counter(["vllm:prefix_cache_hits"]), queries = series.counter(["vllm:prefix_cache_queries"])
        let externalHits = series.counter(["vllm:external_prefix_cache_hits"])
        let externalQueries = series.counter(["vllm:external_prefix_cache_queries"])
        prefixQueryTokens = queries
        prefixHitTokens = hits
        cpuHitTokens = externalHits
        gpuCacheHitRate = Self.rate(hits, queries)
        cpuCacheHitRate = Self.rate(externalHits, externalQueries)
        // Prompt tokens by source, where vLLM has it, decide all three rates.
        let bySource = series.counterByLabel(["vllm:prompt_tokens_by_source"], label: "source")
        let sourceTotal = bySource.values.reduce(0, +)
        if !bySource.isEmpty, sourceTotal > 0 {
            let local = bySource["local_cache_hit"], external = bySource["external_kv_transfer"]
            if let local { gpuCacheHitRate = local / sourceTotal }
            if let external {
                cpuCacheHitRate = external / sourceTotal
                cpuHitTokens = external
            }
            serverCacheHitRate = ((local ?? 0) + (external ?? 0)) / sourceTotal
            prefixQueryTokens = prefixQueryTokens ?? sourceTotal
            prefixHitTokens = prefixHitTokens ?? local
        } else if bySource.isEmpty {
            serverCacheHitRate = gpuCacheHitRate
        }
        kvUsagePeak = ServerMetricsAdapter.fraction(series.gauge(["vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc"]))
        cpuKVUsagePeak = ServerMetricsAdapter.fraction(series.gauge(["vllm:cpu_kv_cache_usage_perc"]))
        // InferenceX's per-direction names first, then the offloading connector's labelled counters.
        func transfer(_ flat: String, _ labelled: String, _ direction: String) -> Double? {
            series.counter([flat]) ?? series.counter([labelled], matching: ["transfer_type": direction])
        }
        offloadBytes = transfer("vllm:kv_offload_bytes_gpu_to_cpu", "vllm:kv_offload_total_bytes", "GPU_to_CPU")
        reloadBytes = transfer("vllm:kv_offload_bytes_cpu_to_gpu", "vllm:kv_offload_total_bytes", "CPU_to_GPU")
        offloadSeconds = transfer("vllm:kv_offload_time_gpu_to_cpu", "vllm:kv_offload_total_time", "GPU_to_CPU")
        reloadSeconds = transfer("vllm:kv_offload_time_cpu_to_gpu", "vllm:kv_offload_total_time", "CPU_to_GPU")
    }

    /// Dynamo's frontend counts prompt and output tokens; its own usage gauge and frontend or
    /// router hit rates stand in where the vLLM workers' are missing.
    mutating func readDynamo(_ series: SeriesValues) {
        readVLLM(
            series, prompt: ["dynamo_frontend_input_sequence_tokens", "vllm:prompt_tokens"],
            generation: ["dynamo_frontend_output_tokens", "vllm:generation_tokens"])
        kvUsagePeak = kvUsagePeak ?? ServerMetricsAdapter.fraction(series.gauge(["dynamo_component_gpu_cache_usage_percent"]))
        if serverCacheHitRate == nil {
            let frontend = Self.rate(series.counter(["dynamo_frontend_cached_tokens"]), series.counter(["dynamo_frontend_input_sequence_tokens"]))
            let router = ServerMetricsAdapter.fraction(series.meanGauge(["dynamo_component_router_shared_cache_hit_rate"]))
            // InferenceX writes `frontend or router`: a zero frontend rate falls through to the router's.
            serverCacheHitRate = (frontend ?? 0) > 0 ? frontend : router
        }
    }
}
