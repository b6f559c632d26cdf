import Engines
import Testing

@Suite struct ServerMetricsAdapterTests {
    typealias F = ServerMetricsFixtures

    func delta(_ before: String, _ after: String, during: [String] = [], framework: String = "") throws -> ServerMetricsDelta {
        ServerMetricsDelta(
            before: try ServerMetricsScrape(text: before), after: try ServerMetricsScrape(text: after),
            during: try during.map { try ServerMetricsScrape(text: $0) }, framework: framework)
    }

    @Test func vllm() throws {
        let d = try delta(F.vllmBefore, F.vllmAfter, during: [F.vllmDuring])
        #expect(d.adapter == .vllm)
        #expect(d.prefixQueryTokens == 10_000 && d.prefixHitTokens == 6_000 && d.cpuHitTokens == 2_000)
        #expect(d.gpuCacheHitRate == 0.6 && d.cpuCacheHitRate == 0.2 && d.serverCacheHitRate == 0.8)
        #expect(d.promptTokens == 10_000 && d.generationTokens == 1_000)
        #expect(d.kvUsagePeak == 0.95)
        #expect(d.offloadBytes == 5e9 && d.reloadBytes == 2e9)
        #expect(abs(d.offloadSeconds! - 2.5) < 1e-12 && d.reloadSeconds == 1)
        #expect(abs(d.offloadBytesPerSecond! - 2e9) < 1 && d.reloadBytesPerSecond == 2e9)
        // Unknown names are kept raw; creation timestamps are not counters.
        #expect(d.counters["vllm:brand_new_thing_total{engine=\"0\",model_name=\"m\"}"] == 7)
        #expect(d.counters["vllm:time_to_first_token_seconds_count{engine=\"0\",model_name=\"m\"}"] == 10)
        #expect(!d.counters.keys.contains { $0.contains("_created") } && !d.gauges.keys.contains { $0.contains("_created") })
    }

    @Test func vllmWithoutPromptsBySourceUsesTheQueryCounters() throws {
        let before = "vllm:prefix_cache_queries_total 0\nvllm:prefix_cache_hits_total 0\n"
        let after = "vllm:prefix_cache_queries_total 400\nvllm:prefix_cache_hits_total 100\n"
        let d = try delta(before, after)
        #expect(d.gpuCacheHitRate == 0.25 && d.serverCacheHitRate == 0.25 && d.cpuCacheHitRate == nil)
    }

    @Test func sglang() throws {
        let d = try delta(F.sglangBefore, F.sglangAfter)
        #expect(d.adapter == .sglang)
        #expect(d.prefixQueryTokens == 10_000 && d.prefixHitTokens == 5_000 && d.cpuHitTokens == 1_500)
        #expect(d.gpuCacheHitRate == 0.5 && d.cpuCacheHitRate == 0.15 && d.serverCacheHitRate == 0.65)
        #expect(d.kvUsagePeak == 0.7 && d.cpuKVUsagePeak == 0.4)
        #expect(d.offloadBytes == nil)
    }

    @Test func dynamo() throws {
        let d = try delta(F.dynamoBefore, F.dynamoAfter, framework: "dynamo-vllm")
        #expect(d.adapter == .dynamo)
        #expect(d.promptTokens == 20_000 && d.generationTokens == 4_000)
        #expect(d.serverCacheHitRate == 0.75)
        #expect(d.kvUsagePeak == 0.45)
        // Detected by name alone too.
        #expect(try delta(F.dynamoBefore, F.dynamoAfter).adapter == .dynamo)
    }

    @Test func atom() throws {
        let d = try delta(F.atomBefore, F.atomAfter)
        #expect(d.adapter == .atom)
        #expect(d.prefixQueryTokens == 10_000 && d.prefixHitTokens == 4_000 && d.cpuHitTokens == 500)
        #expect(d.gpuCacheHitRate == 0.4 && d.cpuCacheHitRate == 0.05 && d.serverCacheHitRate == 0.4)
        #expect(d.kvUsagePeak == 0.6 && d.promptTokens == 8_000)
    }

    @Test func countersThatWentDownRestartedAndCountFromZero() throws {
        let d = try delta("vllm:prefix_cache_queries_total 1000\nvllm:prefix_cache_hits_total 900\n", "vllm:prefix_cache_queries_total 300\nvllm:prefix_cache_hits_total 150\n")
        #expect(d.prefixQueryTokens == 300 && d.prefixHitTokens == 150 && d.serverCacheHitRate == 0.5)
    }

    @Test func theFrameworkPicksAmongTheNamesPresentAndUnknownEnginesAreNoError() throws {
        let both = "vllm:prefix_cache_queries_total 10\nvllm:prefix_cache_hits_total 5\nsglang:prompt_tokens_total 10\n"
        #expect(try delta("", both, framework: "vllm").adapter == .vllm)
        #expect(try delta("", both, framework: "sglang").adapter == .sglang)
        #expect(try delta("", both).adapter == .sglang, "InferenceX's order")
        let other = try delta("", "tgi_queue_size 3\nsomething_total 4\n")
        #expect(other.adapter == nil && other.serverCacheHitRate == nil)
        #expect(other.gauges["tgi_queue_size"] == 3 && other.counters["something_total"] == 4)
    }
}
