/// Whether a failed request was refused for its length: HTTP 400 whose body says so, matched
/// case-insensitively against AIPerf's AgentX list (vLLM, SGLang and OpenAI wordings).
enum ContextOverflow {
    static let phrases = ["context length", "maximum context", "context_length_exceeded", "prompt is too long"]

    static func matches(status: Int?, body: [UInt8]) -> Bool {
        guard status == 400 else { return false }
        let text = String(decoding: body, as: UTF8.self).lowercased()
        return phrases.contains { text.contains($0) }
    }
}
