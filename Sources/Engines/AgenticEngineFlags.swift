import Matrix

/// What an agentic-coding deployment adds to its engine's command: prefix caching on, 64-token
/// pages, and the KV offload tier its `kv-offload-backend` names, set as InferenceX's agentic
/// scripts set them (`benchmarks/single_node/agentic/*.sh`). Backends that need a service of their
/// own beside the engine (Mooncake's master, LMCache's server) are refused with how to run them.
enum AgenticEngineFlags {
    /// Appends to `command` (built by the framework's recipe); `configDirectory` holds files an engine reads its options from.
    static func apply(
        _ kind: EngineKind, _ workload: AgenticWorkload, deployment: Deployment, configDirectory: String?, to command: inout EngineCommand
    ) throws(EngineError) {
        let gpus = deployment.gpus
        let backend = workload.offloadsToDRAM ? workload.kvOffloadBackend?.name ?? "" : nil
        let budget = workload.totalCPUDRAMGB
        switch kind {
        case .sim:
            command.arguments.append("--enable-prefix-caching")
            if backend != nil { command.arguments += ["--kv-offload-gb", "\(budget)"] }
        case .sglang:
            // RadixAttention caches prefixes by default; 64-token pages match the traces' blocks.
            command.arguments += ["--page-size", "64"]
            guard let backend else { return }
            guard backend == "hicache" else { throw unsupported(backend, "SGLang", known: "hicache") }
            // Per rank, per host pool (KV and, on hybrid models, Mamba state: two pools).
            let perRank = budget / max(1, gpus) / 2
            guard perRank >= 1 else {
                throw EngineError(
                    "total-cpu-dram-gb \(budget) leaves under 1 GB of HiCache per rank and pool over \(gpus) GPUs",
                    fix: "give the runner more DRAM (runners.yaml) or use kv-offloading: none")
            }
            command.arguments += [
                "--enable-hierarchical-cache", "--hicache-size", "\(perRank)", "--hicache-io-backend", "kernel",
                "--hicache-mem-layout", "page_first", "--hicache-write-policy", "write_through_selective",
            ]
        case .vllm:
            command.arguments.append("--enable-prefix-caching")
            guard let backend else { return }
            switch backend {
            case "vllm-simple":
                let perRank = Int64(budget) * 1_000_000_000 / Int64(max(1, gpus))
                command.arguments += [
                    "--kv-transfer-config",
                    #"{"kv_connector":"SimpleCPUOffloadConnector","kv_role":"kv_both","kv_connector_extra_config":{"cpu_bytes_to_use_per_rank":\#(perRank),"enable_cross_layers_blocks":"true","lazy_offload":false}}"#,
                ]
                // Identical prefixes must hash to the same block keys on every rank.
                command.environment["PYTHONHASHSEED"] = "42"
            case "native", "vllm-native":
                command.arguments += ["--kv_offloading_backend", "native", "--kv_offloading_size", "\(budget)"]
            case "mooncake", "lmcache":
                throw EngineError(
                    "kv-offload-backend \(backend) needs its own server beside vLLM (\(backend == "mooncake" ? "a Mooncake master" : "an LMCache server")), which bench does not launch",
                    fix: "start it and serve vLLM yourself, then run with --engine external --url URL; or use vllm-simple or native")
            default:
                throw unsupported(backend, "vLLM", known: "vllm-simple, native, mooncake, lmcache")
            }
        case .trt:
            guard backend != nil else { return }
            guard let configDirectory else {
                throw EngineError("TensorRT-LLM's host cache is set in an options file and no directory was given for it", fix: "run through bench run")
            }
            // trtllm-serve takes the KV cache's host tier only from --extra_llm_api_options.
            let path = "\(configDirectory)/\(deployment.id)-extra-llm-api-options.yaml"
            let bytes = Int64(budget) * 1_000_000_000
            command.files[path] = "kv_cache_config:\n  enable_block_reuse: true\n  host_cache_size: \(bytes)\n"
            command.arguments += ["--extra_llm_api_options", path]
        case .external:
            return
        }
    }

    private static func unsupported(_ backend: String, _ engine: String, known: String) -> EngineError {
        EngineError("kv-offload-backend '\(backend)' has no \(engine) recipe in bench", fix: "use \(known), or serve it yourself with --engine external")
    }
}
