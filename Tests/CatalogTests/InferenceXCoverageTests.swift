import Catalog
import Testing

/// Every model-prefix and Hugging Face id InferenceX's master configs (active and deprecated) name.
@Suite struct InferenceXCoverageTests {
    let catalog = try! Catalog.load()

    static let idsByPrefix: [(prefix: String, ids: [String])] = [
        (
            "dsr1",
            [
                "deepseek-ai/DeepSeek-R1-0528", "amd/DeepSeek-R1-0528-MXFP4", "amd/DeepSeek-R1-0528-MXFP4-Preview",
                "amd/DeepSeek-R1-0528-MXFP4-v2", "deepseek-r1-fp4", "nvidia/DeepSeek-R1-0528-FP4-V2",
                "nvidia/DeepSeek-R1-0528-NVFP4-v2",
            ]
        ),
        ("dsv4", ["deepseek-ai/DeepSeek-V4-Pro"]),
        ("glm5", ["zai-org/GLM-5-FP8", "nvidia/GLM-5-NVFP4"]),
        ("glm5.1", ["zai-org/GLM-5.1-FP8", "nvidia/GLM-5.1-NVFP4", "amd/GLM-5.1-MXFP4"]),
        ("glm5.2", ["zai-org/GLM-5.2-FP8", "nvidia/GLM-5.2-NVFP4", "amd/GLM-5.2-MXFP4"]),
        ("gptoss", ["openai/gpt-oss-120b"]),
        ("kimik2.5", ["moonshotai/Kimi-K2.5", "nvidia/Kimi-K2.5-NVFP4", "amd/Kimi-K2.5-MXFP4"]),
        ("kimik2.6", ["nvidia/Kimi-K2.6-NVFP4"]),
        ("kimik3", ["moonshotai/Kimi-K3"]),
        ("minimaxm2.5", ["MiniMaxAI/MiniMax-M2.5", "nvidia/MiniMax-M2.5-NVFP4", "amd/MiniMax-M2.5-MXFP4"]),
        ("minimaxm3", ["MiniMaxAI/MiniMax-M3-MXFP8", "nvidia/MiniMax-M3-NVFP4", "amd/MiniMax-M3-MXFP4"]),
        (
            "qwen3.5",
            [
                "Qwen/Qwen3.5-397B-A17B", "Qwen/Qwen3.5-397B-A17B-FP8", "nvidia/Qwen3.5-397B-A17B-NVFP4",
                "nvidia/Qwen3.5-397B-A17B-NVFP4-V2", "amd/Qwen3.5-397B-A17B-MXFP4",
            ]
        ),
    ]

    @Test func everyPrefixAndHuggingFaceIDResolves() {
        for (prefix, ids) in Self.idsByPrefix {
            #expect(catalog.model(named: prefix)?.name == prefix, "\(prefix)")
            for id in ids {
                #expect(catalog.model(named: id)?.name == prefix, "\(id) should resolve to \(prefix)")
            }
        }
    }

    @Test(arguments: ["rtx6000pro", "rtx-pro-6000", "rtx6000pro-lat"])
    func rtxProRunnerNamesResolve(runner: String) {
        #expect(catalog.hardware(forRunner: runner) != nil, "\(runner)")
    }

    /// KV bytes per token (BF16, FP8) and decode GFLOP per token, worked out from the architecture.
    @Test func newModelFiguresFollowFromTheirArchitecture() throws {
        // BF16 bytes = 2 x elements, FP8 = elements; decode GFLOP/token = 2 x active parameters (billions).
        let elementsPerToken: [String: Int] = [
            // MLA latent (512 + 64) plus the DSA indexer key (128), 78 layers.
            "glm5": 78 * (512 + 64 + 128), "glm5.1": 78 * (512 + 64 + 128), "glm5.2": 78 * (512 + 64 + 128),
            // DeepSeek-V4: 30 CSA layers keep a 512-dim entry and a 128-dim indexer key per 4 tokens,
            // 31 HCA layers a 512-dim entry per 128 tokens.
            "dsv4": 30 * (512 / 4 + 128 / 4) + 31 * (512 / 128),
            // MLA latent (512 + 64) on 61 layers; Kimi-K3 keeps it on its 24 MLA layers only.
            "kimik2.5": 61 * (512 + 64), "kimik2.6": 61 * (512 + 64), "kimik3": 24 * (512 + 64),
            // GQA K and V: 2 x 8 KV heads x 128 on 62 layers; M3 adds a 128-dim indexer key per layer.
            "minimaxm2.5": 62 * 2 * 8 * 128, "minimaxm3": 62 * (2 * 8 * 128 + 128),
            // Only the 15 full-attention layers of 60 cache tokens: 2 x 2 KV heads x 256.
            "qwen3.5": 15 * 2 * 2 * 256,
        ]
        for (name, elements) in elementsPerToken {
            let spec = try #require(catalog.model(named: name))
            #expect(spec.kvBytesPerToken.bf16 == 2 * elements && spec.kvBytesPerToken.fp8 == elements, "\(name) KV")
            #expect(spec.decodeGFLOPPerToken == 2 * spec.activeParamsB, "\(name) decode GFLOP")
            for group in ModelSpec.requiredSourceGroups {
                #expect(!(spec.sources[group] ?? "").isEmpty, "\(name) has no source for \(group)")
            }
        }
        let active: [String: Double] = [
            "dsv4": 49, "glm5": 40, "kimik2.5": 32, "kimik3": 49, "minimaxm2.5": 10,
            "minimaxm3": 23, "qwen3.5": 17,
        ]
        for (name, billions) in active {
            #expect(try #require(catalog.model(named: name)).activeParamsB == billions, "\(name) active parameters")
        }
    }

    @Test func linearAttentionStateFollowsFromItsHeads() throws {
        // Qwen3.5: 45 Gated DeltaNet layers, each a 64 x 128 x 128 FP32 state plus a BF16 convolution
        // state of (kernel 4 - 1) x (16 key + 16 query + 64 value heads) x 128.
        let qwen = try #require(catalog.model(named: "qwen3.5"))
        #expect(qwen.linearLayers == 45 && qwen.layers - 45 == 15)
        #expect(qwen.stateBytesPerSequence == 45 * (64 * 128 * 128 * 4 + 3 * (16 + 16 + 64) * 128 * 2))
        #expect(abs(qwen.attentionMFLOPPerToken! - Double(45 * 64 * 7 * 128 * 128) / 1e6) < 1e-9)
        // Kimi-K3: 69 KDA layers, 96 heads of 128 (assumed), FP32 state and BF16 q/k/v convolution.
        let k3 = try #require(catalog.model(named: "kimik3"))
        #expect(k3.linearLayers == 69 && k3.layers - 69 == 24)
        #expect(k3.stateBytesPerSequence == 69 * (96 * 128 * 128 * 4 + 3 * 3 * 96 * 128 * 2))
    }

    @Test func sparseAttentionFiguresFollowFromTheirArchitecture() throws {
        let glm = try #require(catalog.model(named: "glm5")?.sparseAttention)
        #expect(glm.selectedTokens == 2048 && glm.denseReadBytesPerToken.fp8 == 78 * 128)
        #expect(abs(glm.mflopPerSelectedToken - Double(2 * 78 * 64 * (576 + 512)) / 1e6) < 1e-9)
        let dsv4 = try #require(catalog.model(named: "dsv4"))
        let sparse = try #require(dsv4.sparseAttention)
        // CSA keeps the top 1024 entries of 4 tokens; indexer keys and HCA entries are read whole.
        #expect(sparse.selectedTokens == 1024 * 4 && sparse.denseReadBytesPerToken.fp8 == 30 * 128 / 4 + 31 * 512 / 128)
        // The 128-token window: 61 layers x 128 tokens x 512, per sequence.
        #expect(dsv4.kvBytesPerSequenceSliding?.bf16 == 2 * 61 * 128 * 512)
        // At 1M tokens the cache is the report's 9.62 GiB in BF16.
        let gib = Double(dsv4.kvBytesPerToken.bf16 * 1_048_576 + dsv4.kvBytesPerSequenceSliding!.bf16) / Double(1 << 30)
        #expect(abs(gib - 9.62) < 0.005)
    }
}
