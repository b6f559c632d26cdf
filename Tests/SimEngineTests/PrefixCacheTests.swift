import Testing

@testable import SimEngine

/// The prefix cache and KV offload on the virtual clock, with hand-made prompts that share blocks.
@Suite struct PrefixCacheTests {
    /// Llama-3.3-70B FP8 on one H200: 327,680 bytes of BF16 KV per token on its one GPU.
    func config(kvTokens: Int? = nil, offloadGBps: Double? = nil) throws -> SimConfig {
        var config = try simConfig("h200", model: "llama70b", precision: "fp8", tp: 1)
        config.prefixCache = true
        if let kvTokens {
            // A static fraction leaving exactly `kvTokens` of KV beside the weights.
            let weights = try PerfModel(config: config, shape: WorkerShape(tp: 1)).weightBytesPerGPU
            let bytes = Double(kvTokens) * 327_680 + 1
            config.engineMemory = EngineMemory(accounting: .staticFraction, fraction: (weights + bytes) / config.hardware.memoryBytes)
        }
        if let offloadGBps { config.kvOffload = KVOffload(cpuBytes: 1e12, gbpsPerGPU: offloadGBps) }
        return config
    }

    /// A prompt of whole blocks with these content ids, plus `tail` tokens of a block no one shares.
    func request(_ id: Int, at seconds: Int, blocks: [UInt64], tail: Int = 10, output: Int = 20) -> SimRequest {
        SimRequest(
            id: id, arrival: Int64(seconds) * 1_000_000_000, promptTokens: blocks.count * 64 + tail, outputTokens: output,
            prefixBlocks: PrefixBlocks.chain(blocks + [UInt64(1000 + id)]))
    }

    /// Three turns of one conversation and a second conversation sharing its first block, 10 s apart
    /// (each finishes long before the next arrives). Theoretical hits: blocks seen before, 3 + 5 + 1.
    var conversation: [SimRequest] {
        [
            request(0, at: 0, blocks: [1, 2, 3]),
            request(1, at: 10, blocks: [1, 2, 3, 4, 5]),
            request(2, at: 20, blocks: [1, 2, 3, 4, 5, 6]),
            request(3, at: 30, blocks: [1, 7, 8]),
        ]
    }

    @Test func hitsEqualTheTheoreticalRateWhenTheCacheIsLarge() throws {
        var clock = VirtualClock(cluster: try SimCluster(config: config(), seed: 1))
        let timelines = clock.run(conversation)
        let stats = clock.cluster.statistics.prefixCache
        #expect(stats.gpuHitTokens == (3 + 5 + 1) * 64)
        #expect(stats.cpuHitTokens == 0)
        #expect(stats.queryTokens == conversation.reduce(0) { $0 + $1.promptTokens })
        // Cached tokens skip prefill: the third turn starts sooner than without the cache.
        var uncached = try config()
        uncached.prefixCache = false
        var plain = VirtualClock(cluster: try SimCluster(config: uncached, seed: 1))
        let without = plain.run(conversation)
        let ttft = { (t: RequestTimeline) in t.firstTokenTime! - t.arrival }
        #expect(ttft(timelines[2]) < ttft(without[2]))
        #expect(ttft(timelines[0]) == ttft(without[0]))
        #expect(clock.cluster.statistics.kvUsedTokens == 0)
    }

    @Test func hitsFallWhenTheCacheIsSmall() throws {
        // 1,000 tokens of KV; a 900-token unrelated prompt between turns evicts what they cached.
        var requests: [SimRequest] = []
        for (index, turn) in conversation.enumerated() {
            requests.append(turn)
            requests.append(SimRequest(id: 100 + index, arrival: turn.arrival + 5_000_000_000, promptTokens: 900, outputTokens: 10))
        }
        var clock = VirtualClock(cluster: try SimCluster(config: config(kvTokens: 1000), seed: 1))
        _ = clock.run(requests)
        let stats = clock.cluster.statistics.prefixCache
        #expect(stats.hitTokens < (3 + 5 + 1) * 64)
        #expect(clock.cluster.statistics.kvUsagePeak <= 1)
    }

    /// A prompt whose 10 blocks were offloaded by an unrelated request reloads them over the host
    /// link before its prefill: 640 tokens × 327,680 bytes = 209,715,200 bytes, 3.2768 ms at 64 GB/s
    /// and 13.1072 ms at 16 GB/s, so the first token comes 9.8304 ms later on the slower link.
    @Test func offloadDelaysTheFirstTokenByTheReloadTime() throws {
        func run(gbps: Double) throws -> (ttft: Int64, stats: PrefixCacheStatistics) {
            let first = request(0, at: 0, blocks: Array(1...10))
            // Holds all but 10 tokens of the cache: every unpinned block must leave the GPU.
            let flood = SimRequest(id: 1, arrival: 10_000_000_000, promptTokens: 1990, outputTokens: 1)
            let again = request(2, at: 20, blocks: Array(1...12))
            var clock = VirtualClock(cluster: try SimCluster(config: config(kvTokens: 2000, offloadGBps: gbps), seed: 1))
            let timelines = clock.run([first, flood, again])
            return (timelines[2].firstTokenTime! - timelines[2].arrival, clock.cluster.statistics.prefixCache)
        }
        let fast = try run(gbps: 64), slow = try run(gbps: 16)
        #expect(slow.ttft - fast.ttft == 13_107_200 - 3_276_800)
        #expect(fast.stats.cpuHitTokens == 640 && fast.stats.gpuHitTokens == 0)
        #expect(fast.stats.reloadBytes == 209_715_200)
        #expect(abs(fast.stats.reloadSeconds - 0.0032768) < 1e-12)
        #expect(abs(slow.stats.reloadSeconds - 0.0131072) < 1e-12)
        // The first prompt's 10 blocks went out once each (the flood caches nothing: it has no keys).
        #expect(fast.stats.offloadBytes == 209_715_200)
    }

    @Test func offloadNeedsThePrefixCache() throws {
        var config = try config(offloadGBps: 64)
        config.prefixCache = false
        #expect(throws: SimConfigError.self) { try SimCluster(config: config, seed: 1) }
    }

    @Test func evictionIsLeastRecentlyUsedTailFirstAndSparesPinnedBlocks() {
        var cache = PrefixCache(hostCapacityBlocks: 2)
        let a: [UInt64] = [11, 12], b: [UInt64] = [21]
        cache.pin(a[...])
        cache.pin(b[...])
        cache.release(a[...])
        cache.release(b[...])
        // A prefix is released tail first, so its tail is older than its head.
        #expect(cache.evictable.oldestFirst == [12, 11, 21])
        cache.pin(a[..<1])  // a request hits block 11 again: pinned, out of the eviction order
        #expect(cache.evictOldest()?.key == 12)
        #expect(cache.evictOldest()?.key == 21)
        #expect(cache.evictOldest() == nil)
        #expect(cache.gpuBlocks == 1 && cache.pinnedBlocks == 1)
        // Both evicted blocks went to the CPU tier, where a later prompt finds them.
        #expect(cache.host.oldestFirst == [12, 21])
        #expect(cache.match([11, 12, 99], limit: 3) == PrefixCache.Match(gpuBlocks: 1, cpuBlocks: 1, newPins: 1))
        #expect(cache.match([11, 12, 99], limit: 1) == PrefixCache.Match(gpuBlocks: 1, cpuBlocks: 0, newPins: 0))
    }

    @Test func chainedKeysMatchOnlyWholePrefixes() {
        let first = PrefixBlocks.chain([1, 2, 3]), second = PrefixBlocks.chain([1, 9, 3])
        #expect(first[0] == second[0])
        #expect(first[1] != second[1] && first[2] != second[2])
        let ids = Array(0..<150)
        let contents = PrefixBlocks.contents(tokenIDs: ids)
        #expect(contents.count == 3)
        #expect(PrefixBlocks.contents(tokenIDs: ids.prefix(128)) == Array(contents.prefix(2)))
        #expect(PrefixBlocks.contents(tokenIDs: Array(1..<151)).first != contents.first)
    }
}
