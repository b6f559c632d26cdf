/// Deterministic randomness keyed by what it decides, not by call order, so the real-time
/// server and the virtual clock draw the same values for the same request.
public enum SeededRandom {
    /// SplitMix64's finaliser over a combination of the keys.
    public static func bits(_ seed: UInt64, _ a: UInt64, _ b: UInt64 = 0) -> UInt64 {
        var z = seed &+ 0x9E37_79B9_7F4A_7C15 &* (a &+ 1) &+ 0xBF58_476D_1CE4_E5B9 &* (b &+ 1)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1).
    public static func unit(_ seed: UInt64, _ a: UInt64, _ b: UInt64 = 0) -> Double {
        Double(bits(seed, a, b) >> 11) * 0x1.0p-53
    }
}
