/// A prompt's prefix-cache keys, one per 64-token block. A key hashes its block's content with the
/// previous block's key, so two prompts share key i only when their first i + 1 blocks are equal:
/// a hit on block i implies hits on every block before it, as vLLM's chained block hashes do.
public enum PrefixBlocks {
    /// Tokens per block (InferenceX's traces use 64-token hash ids; vLLM's and SGLang's pages are smaller,
    /// but the traces only share whole 64-token blocks).
    public static let blockSize = 64

    /// Chained keys of blocks whose contents are `contents` (content ids, one per block).
    public static func chain(_ contents: [UInt64]) -> [UInt64] {
        var keys: [UInt64] = []
        keys.reserveCapacity(contents.count)
        var previous: UInt64 = 0
        for content in contents {
            previous = SeededRandom.bits(previous, content)
            keys.append(previous)
        }
        return keys
    }

    /// Content ids of `tokenIDs`' 64-token blocks, the last one possibly partial.
    public static func contents(tokenIDs: some Sequence<Int>) -> [UInt64] {
        var hasher = BlockHasher()
        for id in tokenIDs { hasher.add(id) }
        return hasher.contents
    }
}

/// Hashes token ids into block content ids as they stream by, so a parser can key a prompt
/// without keeping its ids.
public struct BlockHasher: Sendable {
    private var closed: [UInt64] = []
    private var running: UInt64 = 0
    private var inBlock = 0

    public init() {}

    public mutating func add(_ id: Int) {
        // FNV-1a-style folding per id; the block's id is finalised by SplitMix64 below.
        running = (running ^ UInt64(truncatingIfNeeded: id)) &* 0x0000_0100_0000_01B3
        inBlock += 1
        if inBlock == PrefixBlocks.blockSize { closeBlock() }
    }

    /// Content ids so far, a trailing partial block included.
    public var contents: [UInt64] {
        inBlock > 0 ? closed + [blockID] : closed
    }

    private var blockID: UInt64 { SeededRandom.bits(running, UInt64(inBlock)) }

    private mutating func closeBlock() {
        closed.append(blockID)
        running = 0
        inBlock = 0
    }
}
