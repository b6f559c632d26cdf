/// How a worker uses its prefix cache: match at admission, pin, reload from the CPU tier, evict to
/// make room, and cache a prompt's blocks once they are computed.
extension Worker {
    /// Leading blocks of a fresh prompt found in the cache. At most (prompt − 1) tokens' worth of
    /// whole blocks: the last prompt token is always computed, as vLLM and SGLang do, to sample
    /// the first output token.
    func prefixMatch(_ sequence: Sequence) -> PrefixCache.Match {
        guard let cache, sequence.prefilled == 0, !sequence.request.prefixBlocks.isEmpty else { return PrefixCache.Match() }
        return cache.match(sequence.request.prefixBlocks, limit: (sequence.request.promptTokens - 1) / PrefixBlocks.blockSize)
    }

    /// Pins an admitted prompt's hits, queues the reload of its CPU-tier hits, and evicts unpinned
    /// blocks until everything held fits the KV cache.
    mutating func usePrefix(_ sequence: inout Sequence, _ match: PrefixCache.Match, at time: Int64) {
        let blockSize = PrefixBlocks.blockSize
        if sequence.prefilled == 0 {
            cacheStatistics.queryTokens += sequence.request.promptTokens
            cacheStatistics.gpuHitTokens += match.gpuBlocks * blockSize
            cacheStatistics.cpuHitTokens += match.cpuBlocks * blockSize
        }
        if match.blocks > 0 {
            let keys = sequence.request.prefixBlocks[..<match.blocks]
            cache?.pin(keys)
            pinnedKeys[sequence.request.id] = keys
            sequence.prefilled = match.blocks * blockSize
        }
        if match.cpuBlocks > 0, let hostLink {
            let tokens = match.cpuBlocks * blockSize
            sequence.readyAt = max(time, reloadFreeAt) + hostLink.nanoseconds(tokens: tokens)
            reloadFreeAt = sequence.readyAt
            newReloadTimes.append(sequence.readyAt)
            cacheStatistics.reloadBytes += Double(tokens) * hostLink.bytesPerToken
            cacheStatistics.reloadSeconds += Double(tokens) * hostLink.secondsPerToken * Double(hostLink.gpus)
        }
        evictUntilFits()
    }

    /// A computed prompt's whole blocks join the cache, pinned by the request until it ends; the
    /// request's own copy of them is freed (or dropped, when another request cached them first).
    mutating func cachePrompt(_ sequence: inout Sequence) {
        guard cache != nil else { return }
        let blockSize = PrefixBlocks.blockSize
        let whole = min(sequence.request.prefixBlocks.count, sequence.prefilled / blockSize)
        let held = pinnedKeys[sequence.request.id]?.count ?? 0
        guard whole > held else { return }
        cache?.pin(sequence.request.prefixBlocks[held..<whole])
        pinnedKeys[sequence.request.id] = sequence.request.prefixBlocks[..<whole]
        let moved = (whole - held) * blockSize
        // The cache grows by at most what the request frees, so nothing needs evicting.
        sequence.reservation -= moved
        kvUsed -= moved
    }

    private mutating func evictUntilFits() {
        let blockSize = PrefixBlocks.blockSize
        while kvUsed + (cache?.gpuBlocks ?? 0) * blockSize > kvCapacity, let evicted = cache?.evictOldest() {
            if evicted.offloaded, let hostLink {
                cacheStatistics.offloadBytes += Double(blockSize) * hostLink.bytesPerToken
                cacheStatistics.offloadSeconds += Double(blockSize) * hostLink.secondsPerToken * Double(hostLink.gpus)
            }
        }
        cacheStatistics.cpuBlocks = cache?.host.count ?? 0
    }
}
