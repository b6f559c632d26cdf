import Foundation
import SimEngine

/// An OpenAI-style error: the HTTP status and the body fields clients read.
struct APIError: Error {
    var status: Int
    var message: String
    var type = "invalid_request_error"
    var param: String?
    var code: String?

    static func badRequest(_ message: String, param: String? = nil) -> APIError {
        APIError(status: 400, message: message, param: param)
    }
}

/// A validated `/v1/completions` or `/v1/chat/completions` request.
struct CompletionRequest {
    enum Endpoint { case completions, chat }

    var endpoint: Endpoint
    var model: String
    var promptTokens: Int
    /// Chained keys of a token-id prompt's 64-token blocks, for the prefix cache (empty for text).
    var prefixBlocks: [UInt64] = []
    var maxTokens: Int
    var minTokens: Int
    var ignoreEOS: Bool
    var stream: Bool
    var includeUsage: Bool

    /// Parses and checks a request body; `servedModels` and the context limit come from the server.
    init(endpoint: Endpoint, body: Data, servedModels: [String], maxModelLength: Int, vocabulary: Int) throws(APIError) {
        let object: [String: Any]
        let tokenIDs = endpoint == .completions ? TokenIDPrompt(body: body, vocabulary: vocabulary) : nil
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: tokenIDs?.rest ?? body) as? [String: Any] else {
                throw APIError.badRequest("the request body must be a JSON object")
            }
            object = parsed
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.badRequest("the request body is not valid JSON: \((error as NSError).localizedDescription)")
        }
        self.endpoint = endpoint
        guard let model = object["model"] as? String else { throw APIError.badRequest("'model' is required", param: "model") }
        guard servedModels.contains(model) else {
            throw APIError(
                status: 404, message: "The model `\(model)` does not exist. This server serves: \(servedModels.joined(separator: ", "))",
                type: "NotFoundError", param: "model", code: "model_not_found")
        }
        self.model = model
        switch endpoint {
        case .completions:
            if let tokenIDs {
                guard tokenIDs.count > 0 else { throw APIError.badRequest("'prompt' must not be empty", param: "prompt") }
                guard tokenIDs.valid else { throw Self.badTokenIDs(vocabulary) }
                promptTokens = tokenIDs.count
                prefixBlocks = PrefixBlocks.chain(tokenIDs.blockContents)
            } else {
                (promptTokens, prefixBlocks) = try Self.completionPrompt(object["prompt"], vocabulary: vocabulary)
            }
        case .chat: promptTokens = try Self.chatPromptTokens(object["messages"])
        }
        let remaining = maxModelLength - promptTokens
        let completionLimit = try Self.integer(object, "max_completion_tokens")
        let legacyLimit = try Self.integer(object, "max_tokens")
        maxTokens = completionLimit ?? legacyLimit ?? (endpoint == .completions ? 16 : remaining)
        guard maxTokens >= 1 else {
            throw APIError.badRequest("max_tokens must be at least 1, got \(maxTokens)", param: "max_tokens")
        }
        // Compared as `maxTokens <= remaining`: `promptTokens + maxTokens` overflows on a max_tokens near Int.max.
        guard maxTokens <= remaining else {
            throw APIError.badRequest(
                "This model's maximum context length is \(maxModelLength) tokens. However, you requested \(promptTokens) tokens in the prompt and \(maxTokens) in the completion. Please reduce the prompt or max_tokens.",
                param: "max_tokens")
        }
        minTokens = try Self.integer(object, "min_tokens") ?? 0
        guard minTokens >= 0, minTokens <= maxTokens else {
            throw APIError.badRequest("min_tokens must be between 0 and max_tokens (\(maxTokens)), got \(minTokens)", param: "min_tokens")
        }
        ignoreEOS = try Self.boolean(object, "ignore_eos") ?? false
        stream = try Self.boolean(object, "stream") ?? false
        if let options = object["stream_options"] {
            guard let options = options as? [String: Any] else {
                throw APIError.badRequest("'stream_options' must be an object", param: "stream_options")
            }
            includeUsage = try Self.boolean(options, "include_usage") ?? false
        } else {
            includeUsage = false
        }
        if let temperature = object["temperature"], !(temperature is NSNull) {
            guard let value = (temperature as? NSNumber)?.doubleValue, value >= 0, value <= 2 else {
                throw APIError.badRequest("temperature must be a number between 0 and 2", param: "temperature")
            }
        }
        if let n = try Self.integer(object, "n"), n != 1 {
            throw APIError.badRequest("only n = 1 is supported", param: "n")
        }
    }

    /// A prompt the fast path left: its token count and, for token ids, its block keys.
    private static func completionPrompt(_ prompt: Any?, vocabulary: Int) throws(APIError) -> (tokens: Int, blocks: [UInt64]) {
        guard let prompt, !(prompt is NSNull) else { throw APIError.badRequest("'prompt' is required", param: "prompt") }
        if let text = prompt as? String { return (PromptTokens.count(text: text), []) }
        guard let array = prompt as? [Any] else {
            throw APIError.badRequest("'prompt' must be a string, an array of token ids, or an array holding one of those", param: "prompt")
        }
        if array.count == 1, let inner = array.first, inner is String || inner is [Any] {
            return try completionPrompt(inner, vocabulary: vocabulary)
        }
        guard !array.isEmpty else { throw APIError.badRequest("'prompt' must not be empty", param: "prompt") }
        var blocks = BlockHasher()
        for element in array {
            guard let id = Self.jsonInteger(element), id >= 0, id < vocabulary else { throw badTokenIDs(vocabulary) }
            blocks.add(id)
        }
        return (array.count, PrefixBlocks.chain(blocks.contents))
    }

    private static func badTokenIDs(_ vocabulary: Int) -> APIError {
        APIError.badRequest("token ids in 'prompt' must be integers in [0, \(vocabulary)); send one prompt per request", param: "prompt")
    }

    private static func chatPromptTokens(_ messages: Any?) throws(APIError) -> Int {
        guard let messages = messages as? [Any], !messages.isEmpty else {
            throw APIError.badRequest("'messages' is required and must be a non-empty array", param: "messages")
        }
        var contents: [String] = []
        for message in messages {
            guard let message = message as? [String: Any], message["role"] is String else {
                throw APIError.badRequest("each message needs a 'role' and 'content'", param: "messages")
            }
            if let text = message["content"] as? String {
                contents.append(text)
            } else if let parts = message["content"] as? [[String: Any]] {
                contents.append(parts.compactMap { $0["text"] as? String }.joined(separator: " "))
            } else {
                throw APIError.badRequest("message 'content' must be a string or an array of text parts", param: "messages")
            }
        }
        return PromptTokens.count(chat: contents)
    }

    private static func integer(_ object: [String: Any], _ key: String) throws(APIError) -> Int? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let number = Self.jsonInteger(value) else { throw APIError.badRequest("'\(key)' must be an integer", param: key) }
        return number
    }

    /// JSONSerialization hands back NSNumber for integers, floats and booleans alike; the first
    /// character of the Objective-C type code tells them apart ("c" boolean, "d"/"f" floating
    /// point). Read as one byte, not a String: prompts carry thousands of token ids.
    private static func jsonType(_ value: Any) -> UInt8? {
        (value as? NSNumber).map { UInt8(bitPattern: $0.objCType.pointee) }
    }

    private static func jsonInteger(_ value: Any) -> Int? {
        guard let number = value as? NSNumber else { return nil }
        switch UInt8(bitPattern: number.objCType.pointee) {
        case UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "f"): return nil
        default: return number.intValue
        }
    }

    private static func boolean(_ object: [String: Any], _ key: String) throws(APIError) -> Bool? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard jsonType(value) == UInt8(ascii: "c"), let flag = (value as? NSNumber)?.boolValue else {
            throw APIError.badRequest("'\(key)' must be true or false", param: key)
        }
        return flag
    }
}
