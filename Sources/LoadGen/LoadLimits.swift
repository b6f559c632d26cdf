import Metrics

/// What the load generator accepts from a server before it cuts the response and fails the
/// request with kind `limit` (docs/reliability.md lists them).
public enum LoadLimits {
    /// A response head (status line and headers).
    public static let headBytes = 64 << 10
    /// One SSE line (one event's `data:` payload).
    public static let sseLineBytes = 1 << 20
    /// Token events per request, whatever max_tokens says: 4 Mi events hold ~64 MiB of records.
    public static let tokenEventCeiling = 1 << 22

    /// A server sends at most one token event per token; a little slack for servers that split one.
    static func tokenEvents(maxTokens: Int) -> Int {
        min(max(maxTokens, 0).addingSaturated(64), tokenEventCeiling)
    }
}
