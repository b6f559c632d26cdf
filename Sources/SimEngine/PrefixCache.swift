/// One engine instance's prefix cache. GPU tier: blocks of computed prompts, held in the KV space no
/// running request reserves; a running request pins the blocks it hit or computed, and unpinned
/// blocks are evicted least recently used first. CPU tier (KV offload): blocks evicted from the GPU
/// are copied to host memory, itself evicted least recently used first, and loaded back on a hit.
struct PrefixCache {
    /// Leading blocks of a prompt found in the cache.
    struct Match: Equatable {
        var gpuBlocks = 0
        /// Found only in the CPU tier: loaded back before the prompt's prefill continues.
        var cpuBlocks = 0
        /// Matched blocks nobody pins yet (unpinned GPU blocks and CPU blocks): what pinning them adds.
        var newPins = 0

        var blocks: Int { gpuBlocks + cpuBlocks }
    }

    /// GPU blocks and how many running requests pin each.
    private var pins: [UInt64: Int] = [:]
    /// GPU blocks nobody pins, eviction order.
    private(set) var evictable = LRUOrder()
    /// The CPU tier, empty without KV offload, and its size in blocks.
    private(set) var host = LRUOrder()
    let hostCapacityBlocks: Int

    /// `hostCapacityBlocks`: 0 without KV offload.
    init(hostCapacityBlocks: Int) {
        self.hostCapacityBlocks = max(0, hostCapacityBlocks)
    }

    var gpuBlocks: Int { pins.count }
    var pinnedBlocks: Int { pins.count - evictable.count }

    /// The leading blocks of `keys`, at most `limit`, found on the GPU or in the CPU tier.
    func match(_ keys: [UInt64], limit: Int) -> Match {
        var found = Match()
        for key in keys.prefix(max(0, limit)) {
            if let count = pins[key] {
                found.gpuBlocks += 1
                if count == 0 { found.newPins += 1 }
            } else if host.contains(key) {
                found.cpuBlocks += 1
                found.newPins += 1
            } else {
                break
            }
        }
        return found
    }

    /// Pins `keys` for one request; a key not on the GPU is added (computed by it, or loaded back
    /// from the CPU tier, whose copy becomes the most recent). Returns how many blocks were added.
    @discardableResult
    mutating func pin(_ keys: ArraySlice<UInt64>) -> Int {
        var added = 0
        for key in keys {
            if let count = pins[key] {
                if count == 0 { evictable.remove(key) }
                pins[key] = count + 1
            } else {
                pins[key] = 1
                added += 1
            }
            if host.contains(key) { host.touch(key) }
        }
        return added
    }

    /// Unpins one request's `keys`. Released last block first, so a prefix's tail is evicted
    /// before its head (a head without its tail still serves shorter prompts; the reverse serves none).
    mutating func release(_ keys: ArraySlice<UInt64>) {
        for key in keys.reversed() {
            guard let count = pins[key] else { continue }
            pins[key] = count - 1
            if count == 1 { evictable.touch(key) }
        }
    }

    /// Drops the least recently used unpinned GPU block; with a CPU tier the block is kept there,
    /// `offloaded` saying whether it had to be copied (it was not there already).
    mutating func evictOldest() -> (key: UInt64, offloaded: Bool)? {
        guard let key = evictable.removeOldest() else { return nil }
        pins[key] = nil
        guard hostCapacityBlocks > 0 else { return (key, false) }
        let copied = !host.contains(key)
        host.touch(key)
        while host.count > hostCapacityBlocks { _ = host.removeOldest() }
        return (key, copied)
    }
}
