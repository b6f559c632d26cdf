import Engines
import Testing

@testable import Matrix

@Suite struct RecipeTests {
    static func deployment(framework: String, parallelism: Parallelism, spec: String = "none") -> Deployment {
        Deployment(
            configKey: "dsr1-fp8-h200-\(framework)", image: "img", model: "deepseek-ai/DeepSeek-R1-0528", modelPrefix: "dsr1",
            runner: "h200", precision: "fp8", framework: framework, multinode: false, disagg: false, router: nil,
            kvP2PTransfer: nil, topology: .singleNode(parallelism), specDecoding: spec, moeBackend: nil, isl: 1024, osl: 1024)
    }

    let options = RecipeOptions(
        benchExecutable: "/opt/bench", python: "/venv/bin/python", kvCacheDType: "fp8",
        extraArguments: ["--enforce-eager"], simArguments: ["--crash-after-requests", "5"])

    @Test func vllmCarriesParallelismContextAndVendorFlags() throws {
        let deployment = Self.deployment(framework: "vllm", parallelism: Parallelism(tp: 8, ep: 8, dpAttn: false))
        let command = try Recipes.command(.vllm, for: deployment, port: 8123, options: options)
        #expect(command.executable == "/venv/bin/python")
        let text = command.arguments.joined(separator: " ")
        #expect(text.contains("-m vllm.entrypoints.openai.api_server --model deepseek-ai/DeepSeek-R1-0528"))
        #expect(text.contains("--port 8123"))
        #expect(text.contains("--tensor-parallel-size 8"))
        #expect(text.contains("--enable-expert-parallel"))
        #expect(text.contains("--max-model-len 2304"))
        #expect(text.contains("--kv-cache-dtype fp8"))
        #expect(command.arguments.last == "--enforce-eager")
    }

    @Test func sglangDataParallelAttentionAndMTP() throws {
        let deployment = Self.deployment(framework: "sglang", parallelism: Parallelism(tp: 8, ep: 8, dpAttn: true), spec: "mtp")
        let command = try Recipes.command(.sglang, for: deployment, port: 9000, options: options)
        let text = command.arguments.joined(separator: " ")
        #expect(text.contains("-m sglang.launch_server --model-path deepseek-ai/DeepSeek-R1-0528"))
        #expect(text.contains("--tp-size 8") && text.contains("--ep-size 8"))
        #expect(text.contains("--enable-dp-attention --dp-size 8"))
        #expect(text.contains("--context-length 2304"))
        #expect(text.contains("--speculative-algorithm EAGLE"))
        #expect(text.contains("--kv-cache-dtype fp8_e4m3"))
    }

    @Test func trtAndSimRecipes() throws {
        let trt = try Recipes.command(.trt, for: Self.deployment(framework: "trt", parallelism: Parallelism(tp: 4, ep: 4)), port: 1, options: options)
        #expect(trt.executable == "trtllm-serve")
        #expect(trt.arguments.joined(separator: " ").contains("--tp_size 4 --max_seq_len 2304 --ep_size 4"))
        let sim = try Recipes.command(
            .sim, for: Self.deployment(framework: "sglang", parallelism: Parallelism(tp: 8, dpAttn: true)), port: 7, options: options)
        #expect(sim.executable == "/opt/bench")
        #expect(sim.display.hasPrefix("/opt/bench serve-sim --host 127.0.0.1 --port 7 --hardware h200 --model deepseek-ai/DeepSeek-R1-0528"))
        #expect(sim.arguments.contains("--dp-attn"))
        #expect(sim.arguments.suffix(2) == ["--crash-after-requests", "5"])
    }

    /// serve-sim gets the decode cap and MTP draft length the recipe an InferenceX entry names, as the virtual clock does.
    @Test func theSimRecipePassesTheNamedRecipesCapAndDrafts() throws {
        var deployment = Self.deployment(framework: "dynamo-trt", parallelism: Parallelism(tp: 8), spec: "mtp")
        deployment.topology = .multiNode(
            prefill: WorkerPool(
                numWorker: 1, tp: 8, ep: 8, dpAttn: true, additionalSettings: ["CONFIG_FILE=recipes/x/ctx1_gen1_dep8_batch32_eplb0_mtp1_256.yaml"]),
            decode: WorkerPool(numWorker: 1, tp: 8, ep: 8, dpAttn: true))
        let text = try Recipes.command(.sim, for: deployment, port: 7, options: options).arguments.joined(separator: " ")
        #expect(text.contains("--decode-max-running-requests 256") && text.contains("--spec-decoding mtp --draft-tokens 1"), "\(text)")
    }

    @Test func multiNodeIsRefusedForNativeEnginesWithTheFix() {
        var deployment = Self.deployment(framework: "sglang", parallelism: Parallelism(tp: 8))
        deployment.topology = .multiNode(
            prefill: WorkerPool(numWorker: 1, tp: 4, ep: 4, dpAttn: false),
            decode: WorkerPool(numWorker: 1, tp: 8, ep: 8, dpAttn: true))
        #expect(throws: EngineError.self) { try Recipes.command(.sglang, for: deployment, port: 1, options: options) }
        #expect((try? Recipes.command(.sim, for: deployment, port: 1, options: options))?.arguments.contains("--disagg") == true)
    }

    @Test func frameworksMapToEngines() {
        #expect(EngineKind(framework: "sglang") == .sglang)
        #expect(EngineKind(framework: "dynamo-sglang") == .sglang)
        #expect(EngineKind(framework: "trt") == .trt)
        #expect(EngineKind(framework: "vllm") == .vllm)
        #expect(EngineKind(framework: "mystery") == nil)
    }

    @Test func displayQuotesWhatAShellWouldSplit() {
        let command = EngineCommand(executable: "python3", arguments: ["-c", "print('hi there')"], environment: ["A": "1"])
        #expect(command.display == #"A=1 python3 -c 'print('\''hi there'\'')'"#)
    }
}

/// Agentic deployments: prefix caching on and the offload tier each backend names, as InferenceX's agentic scripts set them.
@Suite struct AgenticRecipeTests {
    static func deployment(framework: String, offload: String = "none", backend: String? = nil, tp: Int = 8) -> Deployment {
        var deployment = RecipeTests.deployment(framework: framework, parallelism: Parallelism(tp: tp))
        (deployment.isl, deployment.osl) = (0, 0)
        deployment.agentic = AgenticWorkload(
            kvOffloading: offload, kvOffloadBackend: backend.map { ComponentMetadata(name: $0, version: nil) }, totalCPUDRAMGB: 1600,
            durationSeconds: 3600)
        return deployment
    }

    let options = RecipeOptions(benchExecutable: "/opt/bench", python: "/venv/bin/python", extraArguments: ["--user-flag"], simArguments: ["--sim-flag"])

    @Test func sglangHiCacheSplitsTheBudgetPerRankAndPool() throws {
        let command = try Recipes.command(.sglang, for: Self.deployment(framework: "sglang", offload: "dram", backend: "hicache"), port: 1, options: options)
        let text = command.arguments.joined(separator: " ")
        // 1600 GB over 8 ranks and 2 host pools.
        #expect(text.contains("--page-size 64 --enable-hierarchical-cache --hicache-size 100 --hicache-io-backend kernel"))
        #expect(text.contains("--context-length 262144"))
        #expect(command.arguments.last == "--user-flag")
    }

    @Test func vllmSimpleOffloadGivesEachRankItsBytes() throws {
        let command = try Recipes.command(.vllm, for: Self.deployment(framework: "vllm", offload: "dram", backend: "vllm-simple"), port: 1, options: options)
        let text = command.arguments.joined(separator: " ")
        #expect(text.contains("--enable-prefix-caching --kv-transfer-config"))
        #expect(text.contains(#""cpu_bytes_to_use_per_rank":200000000000"#))
        #expect(command.environment["PYTHONHASHSEED"] == "42")
        let native = try Recipes.command(.vllm, for: Self.deployment(framework: "vllm", offload: "dram", backend: "native"), port: 1, options: options)
        #expect(native.arguments.joined(separator: " ").contains("--kv_offloading_backend native --kv_offloading_size 1600"))
    }

    @Test func backendsNeedingTheirOwnServerAreRefusedWithTheWayOut() {
        #expect(throws: EngineError.self) {
            try Recipes.command(.vllm, for: Self.deployment(framework: "vllm", offload: "dram", backend: "mooncake"), port: 1, options: options)
        }
        #expect(throws: EngineError.self) {
            try Recipes.command(.sglang, for: Self.deployment(framework: "sglang", offload: "dram", backend: "vllm-simple"), port: 1, options: options)
        }
    }

    @Test func trtHostCacheGoesThroughAnOptionsFile() throws {
        var options = options
        options.configDirectory = "/tmp/logs"
        let command = try Recipes.command(.trt, for: Self.deployment(framework: "trt", offload: "dram", backend: "native"), port: 1, options: options)
        let path = try #require(command.files.keys.first)
        #expect(command.arguments.joined(separator: " ").contains("--extra_llm_api_options \(path)"))
        #expect(command.files[path] == "kv_cache_config:\n  enable_block_reuse: true\n  host_cache_size: 1600000000000\n")
    }

    @Test func simGetsPrefixCachingAndTheDRAMTier() throws {
        let command = try Recipes.command(.sim, for: Self.deployment(framework: "sglang", offload: "dram", backend: "hicache"), port: 1, options: options)
        let text = command.arguments.joined(separator: " ")
        #expect(text.contains("--enable-prefix-caching --kv-offload-gb 1600 --sim-flag"))
        let plain = try Recipes.command(.sim, for: Self.deployment(framework: "sglang"), port: 1, options: options)
        #expect(!plain.arguments.contains("--kv-offload-gb"))
    }
}
