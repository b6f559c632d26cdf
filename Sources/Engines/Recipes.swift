import Matrix

/// Turns a deployment into the command line that serves it on 127.0.0.1:`port`. The flags are
/// each engine's documented server flags; everything a recipe cannot express goes in through
/// `RecipeOptions.extraArguments` or, for multi-node pools, `additional-settings` (as environment).
public enum Recipes {
    public static func command(_ kind: EngineKind, for deployment: Deployment, port: Int, options: RecipeOptions) throws(EngineError) -> EngineCommand
    {
        var command = try baseCommand(kind, for: deployment, port: port, options: options)
        if let workload = deployment.agentic {
            try AgenticEngineFlags.apply(kind, workload, deployment: deployment, configDirectory: options.configDirectory, to: &command)
        }
        // The user's own flags last, so they override the recipe's.
        command.arguments += kind == .sim ? options.simArguments : options.extraArguments
        return command
    }

    private static func baseCommand(_ kind: EngineKind, for deployment: Deployment, port: Int, options: RecipeOptions) throws(EngineError) -> EngineCommand {
        switch kind {
        case .sim: return sim(deployment, port: port, options: options)
        case .external: throw EngineError("the external engine is not launched", fix: "pass its URL with --url")
        case .sglang, .vllm, .trt:
            guard case let .singleNode(parallelism) = deployment.topology else {
                throw EngineError(
                    "\(deployment.configKey) is a multi-node deployment; bench launches native engines on one node only",
                    fix: "run it with --engine sim, or serve it yourself and pass --engine external --url URL")
            }
            let model = options.modelPath ?? deployment.model
            switch kind {
            case .sglang: return sglang(deployment, parallelism, model: model, port: port, options: options)
            case .vllm: return vllm(deployment, parallelism, model: model, port: port, options: options)
            default: return trt(deployment, parallelism, model: model, port: port)
            }
        }
    }

    static func sim(_ deployment: Deployment, port: Int, options: RecipeOptions) -> EngineCommand {
        var arguments = [
            "serve-sim", "--host", "127.0.0.1", "--port", "\(port)", "--hardware", deployment.runner,
            "--model", options.simModel ?? deployment.model, "--served-model-name", deployment.model, "--precision", deployment.precision,
            "--max-model-len", "\(deployment.maxModelLen)", "--framework", deployment.framework,
        ]
        switch deployment.topology {
        case let .singleNode(p):
            arguments += ["--tp", "\(p.tp)", "--ep", "\(p.ep ?? 1)", "--pp", "\(p.pp ?? 1)"]
            if p.dpAttn == true { arguments.append("--dp-attn") }
        case let .multiNode(prefill, decode):
            arguments += [
                "--disagg", "--prefill-workers", "\(prefill.numWorker)", "--prefill-tp", "\(prefill.tp)",
                "--prefill-ep", "\(prefill.ep)", "--decode-workers", "\(decode.numWorker)",
                "--decode-tp", "\(decode.tp)", "--decode-ep", "\(decode.ep)",
            ]
            if prefill.dpAttn { arguments.append("--prefill-dp-attn") }
            if decode.dpAttn { arguments.append("--decode-dp-attn") }
        }
        if let cap = deployment.topology.decodeBatchCap { arguments += ["--decode-max-running-requests", "\(cap)"] }
        if deployment.specDecoding.lowercased() == "mtp" {
            arguments += ["--spec-decoding", "mtp"]
            if let drafts = deployment.topology.recipe?.draftTokens { arguments += ["--draft-tokens", "\(drafts)"] }
        }
        if let kv = options.kvCacheDType { arguments += ["--kv-cache-dtype", kv] }
        if let catalog = options.catalogPath { arguments += ["--catalog", catalog] }
        return EngineCommand(executable: options.benchExecutable, arguments: arguments)
    }

    /// SGLang's `launch_server` (server_args.py names).
    static func sglang(_ deployment: Deployment, _ p: Parallelism, model: String, port: Int, options: RecipeOptions) -> EngineCommand {
        var arguments = [
            "-m", "sglang.launch_server", "--model-path", model, "--served-model-name", deployment.model, "--host", "127.0.0.1", "--port", "\(port)",
            "--tp-size", "\(p.tp)", "--context-length", "\(deployment.maxModelLen)", "--trust-remote-code",
        ]
        if let ep = p.ep, ep > 1 { arguments += ["--ep-size", "\(ep)"] }
        if let pp = p.pp, pp > 1 { arguments += ["--pp-size", "\(pp)"] }
        if p.dpAttn == true { arguments += ["--enable-dp-attention", "--dp-size", "\(p.tp)"] }
        if deployment.specDecoding.lowercased() == "mtp" {
            arguments += [
                "--speculative-algorithm", "EAGLE", "--speculative-num-steps", "3", "--speculative-eagle-topk", "1",
                "--speculative-num-draft-tokens", "4",
            ]
        }
        if let kv = options.kvCacheDType { arguments += ["--kv-cache-dtype", kv == "fp8" ? "fp8_e4m3" : kv] }
        return EngineCommand(executable: options.python, arguments: arguments)
    }

    /// vLLM's OpenAI server module (the `vllm serve` entry point is not in every packaging).
    static func vllm(_ deployment: Deployment, _ p: Parallelism, model: String, port: Int, options: RecipeOptions) -> EngineCommand {
        var arguments = [
            "-m", "vllm.entrypoints.openai.api_server", "--model", model, "--served-model-name", deployment.model,
            "--host", "127.0.0.1", "--port", "\(port)", "--max-model-len", "\(deployment.maxModelLen)",
        ]
        if p.dpAttn == true {
            // DP attention: attention replicated per data-parallel rank, experts sharded across all of them.
            arguments += ["--data-parallel-size", "\(p.tp)", "--tensor-parallel-size", "1"]
        } else {
            arguments += ["--tensor-parallel-size", "\(p.tp)"]
        }
        if let ep = p.ep, ep > 1 { arguments.append("--enable-expert-parallel") }
        if let pp = p.pp, pp > 1 { arguments += ["--pipeline-parallel-size", "\(pp)"] }
        if deployment.specDecoding.lowercased() == "mtp" {
            arguments += ["--speculative-config", #"{"method":"mtp","num_speculative_tokens":1}"#]
        }
        if let kv = options.kvCacheDType { arguments += ["--kv-cache-dtype", kv] }
        return EngineCommand(
            executable: options.python, arguments: arguments,
            environment: ["VLLM_NO_USAGE_STATS": "1"])
    }

    /// TensorRT-LLM's `trtllm-serve` (PyTorch backend).
    static func trt(_ deployment: Deployment, _ p: Parallelism, model: String, port: Int) -> EngineCommand {
        var arguments = [
            "serve", model, "--host", "127.0.0.1", "--port", "\(port)", "--backend", "pytorch",
            "--tp_size", "\(p.tp)", "--max_seq_len", "\(deployment.maxModelLen)",
        ]
        if let ep = p.ep, ep > 1 { arguments += ["--ep_size", "\(ep)"] }
        if let pp = p.pp, pp > 1 { arguments += ["--pp_size", "\(pp)"] }
        return EngineCommand(executable: "trtllm-serve", arguments: arguments)
    }
}
