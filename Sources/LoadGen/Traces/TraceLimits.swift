/// What a trace file may hold before the reader refuses it: generous for the published corpora
/// (the largest trace has ~2.2k entries and inputs under 1M tokens), small enough that a hostile
/// file cannot exhaust memory or overflow arithmetic.
public enum TraceLimits {
    /// One trace (one line). The published corpora's longest lines are tens of MiB.
    public static let lineBytes = 256 << 20
    public static let tracesPerFile = 100_000
    /// Entries of a trace, and requests of a subagent.
    public static let entriesPerTrace = 100_000
    /// Hash ids of one request: 4M tokens at 64 per block.
    public static let hashIDsPerRequest = 1 << 16
    /// `in` and `out` of one request.
    public static let tokensPerRequest = 1 << 24
    /// `t` and the durations, in seconds (about 31 years).
    public static let seconds = 1e9
    public static let idCharacters = 512
}
