import Foundation

/// The simulated engine's request parsers over one body, for `bench perf fuzz`.
public enum SimServerParsers {
    /// A `/v1/completions` (or chat) body checked as the server checks it: the HTTP status it
    /// would answer with before scheduling (200 when valid).
    public static func completionRequest(_ body: [UInt8], chat: Bool = false) -> Int {
        do {
            _ = try CompletionRequest(
                endpoint: chat ? .chat : .completions, body: Data(body), servedModels: ["m"],
                maxModelLength: 131_072, vocabulary: 128_000)
            return 200
        } catch {
            return error.status
        }
    }

    /// The fast token-id prompt scanner alone: ids found, or -1 when it leaves the body to JSON.
    public static func tokenPrompt(_ body: [UInt8]) -> Int {
        TokenIDPrompt(body: Data(body), vocabulary: 128_000)?.count ?? -1
    }
}
