/// Arithmetic on numbers that came from outside (the network, files, flags): nothing here traps.
/// Counts and times beyond 2^53 are refused, as a Double (JSON's only number) cannot hold them exactly.
public enum CheckedNumbers {
    /// 2^53, the largest magnitude a value read from JSON may have.
    public static let exactLimit = 1 << 53

    /// `value` truncated toward zero, or nil when it is NaN, infinite or beyond ±2^53.
    public static func int(_ value: Double) -> Int? {
        guard value.isFinite, abs(value) <= Double(exactLimit) else { return nil }
        return Int(value.rounded(.towardZero))
    }

    /// Seconds as nanoseconds, clamped to [0, Int64.max] (a NaN or negative duration is 0).
    public static func nanoseconds(_ seconds: Double) -> Int64 {
        guard seconds > 0 else { return 0 }
        let nanoseconds = seconds * 1e9
        return nanoseconds >= 9.2e18 ? Int64.max : Int64(nanoseconds)
    }
}

extension FixedWidthInteger where Self: SignedInteger {
    /// `self + other`, clamped to the type's range instead of trapping.
    public func addingSaturated(_ other: Self) -> Self {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    /// `self × other`, clamped instead of trapping.
    public func multipliedSaturated(by other: Self) -> Self {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? ((self < 0) == (other < 0) ? .max : .min) : product
    }
}
