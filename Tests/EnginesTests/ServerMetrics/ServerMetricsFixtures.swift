/// Hand-written /metrics texts in the shape each engine emits, before and after one point.
enum ServerMetricsFixtures {
    static let vllmBefore = """
        # HELP vllm:prefix_cache_queries_total Prefix cache queries, in terms of number of queried tokens.
        # TYPE vllm:prefix_cache_queries_total counter
        vllm:prefix_cache_queries_total{engine="0",model_name="m"} 1000.0
        # HELP vllm:prefix_cache_hits_total Prefix cache hits, in terms of number of cached tokens.
        # TYPE vllm:prefix_cache_hits_total counter
        vllm:prefix_cache_hits_total{engine="0",model_name="m"} 400.0
        # TYPE vllm:prompt_tokens_by_source_total counter
        vllm:prompt_tokens_by_source_total{engine="0",model_name="m",source="local_compute"} 600.0
        vllm:prompt_tokens_by_source_total{engine="0",model_name="m",source="local_cache_hit"} 400.0
        vllm:prompt_tokens_by_source_total{engine="0",model_name="m",source="external_kv_transfer"} 0.0
        # TYPE vllm:prompt_tokens_total counter
        vllm:prompt_tokens_total{engine="0",model_name="m"} 1000.0
        # TYPE vllm:generation_tokens_total counter
        vllm:generation_tokens_total{engine="0",model_name="m"} 500.0
        # TYPE vllm:kv_cache_usage_perc gauge
        vllm:kv_cache_usage_perc{engine="0",model_name="m"} 0.1
        # TYPE vllm:kv_offload_total_bytes_total counter
        vllm:kv_offload_total_bytes_total{engine="0",model_name="m",transfer_type="GPU_to_CPU"} 1.0e6
        vllm:kv_offload_total_bytes_total{engine="0",model_name="m",transfer_type="CPU_to_GPU"} 0.0
        # TYPE vllm:kv_offload_total_bytes_created gauge
        vllm:kv_offload_total_bytes_created{engine="0",model_name="m",transfer_type="GPU_to_CPU"} 1.79e9
        # TYPE vllm:kv_offload_total_time_total counter
        vllm:kv_offload_total_time_total{engine="0",model_name="m",transfer_type="GPU_to_CPU"} 0.01
        vllm:kv_offload_total_time_total{engine="0",model_name="m",transfer_type="CPU_to_GPU"} 0.0
        # TYPE vllm:time_to_first_token_seconds histogram
        vllm:time_to_first_token_seconds_bucket{engine="0",le="0.1",model_name="m"} 3.0
        vllm:time_to_first_token_seconds_bucket{engine="0",le="+Inf",model_name="m"} 4.0
        vllm:time_to_first_token_seconds_sum{engine="0",model_name="m"} 0.5
        vllm:time_to_first_token_seconds_count{engine="0",model_name="m"} 4.0

        """

    /// During the point: usage peaks at 0.95.
    static let vllmDuring = """
        vllm:kv_cache_usage_perc{engine="0",model_name="m"} 0.95

        """

    /// Δ queries 10,000, Δ hits 6,000; by source Δ 2,000 computed, 6,000 local hits, 2,000 external;
    /// 5 GB offloaded in 2.5 s, 2 GB reloaded in 1 s; one counter no adapter knows.
    static let vllmAfter = """
        vllm:prefix_cache_queries_total{engine="0",model_name="m"} 11000.0
        vllm:prefix_cache_hits_total{engine="0",model_name="m"} 6400.0
        vllm:prompt_tokens_by_source_total{engine="0",model_name="m",source="local_compute"} 2600.0
        vllm:prompt_tokens_by_source_total{engine="0",model_name="m",source="local_cache_hit"} 6400.0
        vllm:prompt_tokens_by_source_total{engine="0",model_name="m",source="external_kv_transfer"} 2000.0
        vllm:prompt_tokens_total{engine="0",model_name="m"} 11000.0
        vllm:generation_tokens_total{engine="0",model_name="m"} 1500.0
        vllm:kv_cache_usage_perc{engine="0",model_name="m"} 0.85
        vllm:kv_offload_total_bytes_total{engine="0",model_name="m",transfer_type="GPU_to_CPU"} 5.001e9
        vllm:kv_offload_total_bytes_total{engine="0",model_name="m",transfer_type="CPU_to_GPU"} 2.0e9
        vllm:kv_offload_total_bytes_created{engine="0",model_name="m",transfer_type="GPU_to_CPU"} 1.79e9
        vllm:kv_offload_total_time_total{engine="0",model_name="m",transfer_type="GPU_to_CPU"} 2.51
        vllm:kv_offload_total_time_total{engine="0",model_name="m",transfer_type="CPU_to_GPU"} 1.0
        vllm:time_to_first_token_seconds_sum{engine="0",model_name="m"} 2.5
        vllm:time_to_first_token_seconds_count{engine="0",model_name="m"} 14.0
        vllm:brand_new_thing_total{engine="0",model_name="m"} 7

        """

    static let sglangBefore = """
        # HELP sglang:prompt_tokens_total Number of prefill tokens processed.
        # TYPE sglang:prompt_tokens_total counter
        sglang:prompt_tokens_total{model_name="m"} 100.0
        # TYPE sglang:generation_tokens_total counter
        sglang:generation_tokens_total{model_name="m"} 10.0
        # TYPE sglang:cached_tokens_total counter
        sglang:cached_tokens_total{cache_source="device",model_name="m"} 20.0
        sglang:cached_tokens_total{cache_source="host",model_name="m"} 0.0
        # TYPE sglang:token_usage gauge
        sglang:token_usage{model_name="m"} 0.05
        # TYPE sglang:cache_hit_rate gauge
        sglang:cache_hit_rate{model_name="m"} 0.0
        # TYPE sglang:hicache_host_used_tokens gauge
        sglang:hicache_host_used_tokens{model_name="m"} 0.0
        # TYPE sglang:hicache_host_total_tokens gauge
        sglang:hicache_host_total_tokens{model_name="m"} 100000.0

        """

    /// Δ prompt 10,000, Δ device 5,000, Δ host 1,500; usage 0.7; host pool 40% full.
    static let sglangAfter = """
        sglang:prompt_tokens_total{model_name="m"} 10100.0
        sglang:generation_tokens_total{model_name="m"} 1010.0
        sglang:cached_tokens_total{cache_source="device",model_name="m"} 5020.0
        sglang:cached_tokens_total{cache_source="host",model_name="m"} 1500.0
        sglang:token_usage{model_name="m"} 0.7
        sglang:cache_hit_rate{model_name="m"} 0.9
        sglang:hicache_host_used_tokens{model_name="m"} 40000.0
        sglang:hicache_host_total_tokens{model_name="m"} 100000.0

        """

    static let dynamoBefore = """
        # TYPE dynamo_frontend_input_sequence_tokens histogram
        dynamo_frontend_input_sequence_tokens_bucket{model="m",le="+Inf"} 2
        dynamo_frontend_input_sequence_tokens_sum{model="m"} 1000
        dynamo_frontend_input_sequence_tokens_count{model="m"} 2
        # TYPE dynamo_frontend_cached_tokens histogram
        dynamo_frontend_cached_tokens_sum{model="m"} 0
        dynamo_frontend_cached_tokens_count{model="m"} 2
        # TYPE dynamo_frontend_output_tokens_total counter
        dynamo_frontend_output_tokens_total{model="m"} 50
        # TYPE dynamo_component_gpu_cache_usage_percent gauge
        dynamo_component_gpu_cache_usage_percent{dynamo_component="backend",worker_id="1"} 12
        # TYPE dynamo_component_router_shared_cache_hit_rate gauge
        dynamo_component_router_shared_cache_hit_rate{dynamo_component="router"} 0.3

        """

    /// Δ input 20,000, Δ cached 15,000: 0.75 from the frontend (the router's 0.3 is only a fallback);
    /// usage 45 percent.
    static let dynamoAfter = """
        dynamo_frontend_input_sequence_tokens_bucket{model="m",le="+Inf"} 40
        dynamo_frontend_input_sequence_tokens_sum{model="m"} 21000
        dynamo_frontend_input_sequence_tokens_count{model="m"} 40
        dynamo_frontend_cached_tokens_sum{model="m"} 15000
        dynamo_frontend_cached_tokens_count{model="m"} 40
        dynamo_frontend_output_tokens_total{model="m"} 4050
        dynamo_component_gpu_cache_usage_percent{dynamo_component="backend",worker_id="1"} 45
        dynamo_component_router_shared_cache_hit_rate{dynamo_component="router"} 0.3

        """

    /// A worker's `atom:` names and Atomesh's `atom_` names side by side: both are summed.
    static let atomBefore = """
        # TYPE atom:prompt_tokens_total counter
        atom:prompt_tokens_total{worker="0"} 0
        # TYPE atom:prefix_cache_full_tokens_total counter
        atom:prefix_cache_full_tokens_total{worker="0"} 0
        # TYPE atom:prefix_cache_cached_tokens_total counter
        atom:prefix_cache_cached_tokens_total{worker="0"} 0
        # TYPE atom:lmcache_loaded_tokens_total counter
        atom:lmcache_loaded_tokens_total{worker="0"} 0
        # TYPE atom_prefix_cache_full_tokens_total counter
        atom_prefix_cache_full_tokens_total{worker="1"} 0
        # TYPE atom_prefix_cache_cached_tokens_total counter
        atom_prefix_cache_cached_tokens_total{worker="1"} 0
        # TYPE atom:kv_cache_usage_ratio gauge
        atom:kv_cache_usage_ratio{worker="0"} 0.2

        """

    /// Δ full 8,000 + 2,000, Δ cached 3,000 + 1,000: 0.4; LMCache loads 500: 0.05.
    static let atomAfter = """
        atom:prompt_tokens_total{worker="0"} 8000
        atom:prefix_cache_full_tokens_total{worker="0"} 8000
        atom:prefix_cache_cached_tokens_total{worker="0"} 3000
        atom:lmcache_loaded_tokens_total{worker="0"} 500
        atom_prefix_cache_full_tokens_total{worker="1"} 2000
        atom_prefix_cache_cached_tokens_total{worker="1"} 1000
        atom:kv_cache_usage_ratio{worker="0"} 0.6

        """
}
