/// FNV-1a, 64-bit, then MurmurHash3's 64-bit finalizer: a fixed, platform-independent hash
/// for content ids (Swift's `Hasher` is seeded per process, so its ids would not survive a
/// restart). The finalizer spreads a change in the last byte over every bit, so ids that
/// differ only in concurrency look unrelated and `id mod shards` stays balanced.
public enum StableHash {
    public static func hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        hash = hash &* 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
