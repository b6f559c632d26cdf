import BenchTesting
import Foundation
import SimEngine
import Testing

@testable import SimServer

@Suite(.serialized) struct PrefixCacheMetricsTests {
    /// Two token-id prompts sharing their first 192 ids (three whole blocks): the second hits them,
    /// and /metrics says so under vLLM's and SGLang's names.
    @Test func sharedTokenIDPrefixShowsAsHitsInMetrics() async throws {
        try await withSimServer(configure: { $0.prefixCache = true }) { base, _ in
            let shared = Array(0..<192)
            for tail in [Array(500..<508), Array(600..<700)] {
                let prompt = (shared + tail).map(String.init).joined(separator: ",")
                let reply = try await post(base, "v1/completions", #"{"model":"llama70b","prompt":[\#(prompt)],"max_tokens":3,"ignore_eos":true}"#)
                #expect(reply.status == 200)
            }
            let metrics = try await get(base, "metrics").body
            let model = "model_name=\"meta-llama/Llama-3.3-70B-Instruct\""
            #expect(metrics.contains("vllm:prefix_cache_queries_total{\(model)} 492"))
            #expect(metrics.contains("vllm:prefix_cache_hits_total{\(model)} 192"))
            #expect(metrics.contains("vllm:prompt_tokens_by_source_total{\(model),source=\"local_cache_hit\"} 192"))
            #expect(metrics.contains("vllm:prompt_tokens_by_source_total{\(model),source=\"local_compute\"} 300"))
            #expect(metrics.contains("sglang:cached_tokens_total{\(model),cache_source=\"device\"} 192"))
        }
    }

    @Test func bothParsersKeyTokenIDPromptsAlike() throws {
        let ids = Array(0..<150)
        let flat = try #require(TokenIDPrompt(body: Data(#"{"prompt":\#(ids)}"#.utf8), vocabulary: 1000))
        #expect(flat.blockContents == PrefixBlocks.contents(tokenIDs: ids))
        let nested = try CompletionRequest(
            endpoint: .completions, body: Data(#"{"model":"m","prompt":[\#(ids)]}"#.utf8), servedModels: ["m"],
            maxModelLength: 10_000, vocabulary: 1000)
        #expect(nested.prefixBlocks == PrefixBlocks.chain(flat.blockContents))
        #expect(nested.prefixBlocks.count == 3)
    }
}
