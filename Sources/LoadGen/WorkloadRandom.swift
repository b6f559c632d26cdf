/// The load generator's seeded randomness: wyrand, keyed by (seed, stream, index) so that request
/// i of a seed is the same whatever the number of prompts or the order they are drawn in.
struct WorkloadRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64, stream: UInt64, index: UInt64) {
        state = seed ^ (stream &* 0x8EBC_6AF0_9C88_C6E3) ^ (index &* 0x5896_7D85_0B0F_3E1D)
        for _ in 0..<2 { _ = next() }
    }

    mutating func next() -> UInt64 {
        state &+= 0xA076_1D64_78BD_642F
        let product = state.multipliedFullWidth(by: state ^ 0xE703_7ED1_A0B4_28DB)
        return product.high ^ product.low
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}
