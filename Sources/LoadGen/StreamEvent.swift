/// What one SSE line of an OpenAI-style stream says, read from its bytes in place: no JSON
/// decoder and no String per event. Keys are found by their quoted names, which cannot occur
/// unescaped inside a JSON string value, so generated text never fools the search.
struct StreamEvent: Equatable {
    enum Kind: Equatable {
        /// Not a `data:` line (comments, `event:`, blank separators).
        case ignored
        case done
        case data
        /// A `data:` payload that is not one well-formed JSON object.
        case malformed
        /// An `{"error": …}` object sent inside the stream.
        case error
    }

    var kind: Kind
    /// The event carries output text (completions `text`, chat `content` or `reasoning_content`).
    var carriesTokens = false
    var promptTokens: Int?
    var completionTokens: Int?
    /// `bench serve-sim --emit-timestamps`: the server's CLOCK_MONOTONIC emit time.
    var serverEmitTime: Int64?

    init(kind: Kind) {
        self.kind = kind
    }

    init(line: UnsafeRawBufferPointer) {
        guard line.starts(with: Self.dataPrefix) else {
            self.init(kind: .ignored)
            return
        }
        var payload = UnsafeRawBufferPointer(rebasing: line[Self.dataPrefix.count...])
        if payload.first == 0x20 { payload = UnsafeRawBufferPointer(rebasing: payload.dropFirst()) }
        if payload.elementsEqual(Self.doneMarker) {
            self.init(kind: .done)
            return
        }
        guard JSONShape.isOneObject(payload) else {
            self.init(kind: .malformed)
            return
        }
        if Self.startsWithErrorKey(payload) {
            self.init(kind: .error)
            return
        }
        self.init(kind: .data)
        carriesTokens = Self.hasNonEmptyString(after: Self.textKey, in: payload) || Self.hasNonEmptyString(after: Self.contentKey, in: payload)
        if let usage = Self.value(after: Self.usageKey, in: payload, from: 0), payload[usage] == UInt8(ascii: "{") {
            promptTokens = Self.integer(after: Self.promptTokensKey, in: payload, from: usage)
            completionTokens = Self.integer(after: Self.completionTokensKey, in: payload, from: usage)
        }
        serverEmitTime = Self.integer(after: Self.emitKey, in: payload, from: 0).map(Int64.init)
    }

    private static let dataPrefix = Array("data:".utf8)
    private static let doneMarker = Array("[DONE]".utf8)
    private static let errorKey = Array("\"error\"".utf8)
    private static let textKey = Array("\"text\"".utf8)
    /// Also matches `"reasoning_content"`.
    private static let contentKey = Array("content\"".utf8)
    private static let usageKey = Array("\"usage\"".utf8)
    private static let promptTokensKey = Array("\"prompt_tokens\"".utf8)
    private static let completionTokensKey = Array("\"completion_tokens\"".utf8)
    private static let emitKey = Array("\"bench_emit_ns\"".utf8)

    /// The index just past the first occurrence of `pattern` at or after `from`.
    static func find(_ pattern: [UInt8], in bytes: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
        var index = from
        let last = bytes.count - pattern.count
        while index <= last {
            if bytes[index] == first {
                var matched = 1
                while matched < pattern.count, bytes[index + matched] == pattern[matched] { matched += 1 }
                if matched == pattern.count { return index + pattern.count }
            }
            index += 1
        }
        return nil
    }

    /// The index of the first byte of `key`'s value: past the key, optional spaces, `:` and spaces.
    static func value(after key: [UInt8], in bytes: UnsafeRawBufferPointer, from: Int) -> Int? {
        var from = from
        while let end = find(key, in: bytes, from: from) {
            var index = end
            while index < bytes.count, bytes[index] == 0x20 { index += 1 }
            if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
                index += 1
                while index < bytes.count, bytes[index] == 0x20 { index += 1 }
                if index < bytes.count { return index }
            }
            from = end
        }
        return nil
    }

    private static func hasNonEmptyString(after key: [UInt8], in bytes: UnsafeRawBufferPointer) -> Bool {
        var from = 0
        while let start = value(after: key, in: bytes, from: from) {
            if bytes[start] == UInt8(ascii: "\""), start + 1 < bytes.count, bytes[start + 1] != UInt8(ascii: "\"") { return true }
            from = start
        }
        return false
    }

    private static func integer(after key: [UInt8], in bytes: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard var index = value(after: key, in: bytes, from: from) else { return nil }
        var value = 0, digits = 0
        while index < bytes.count, (0x30...0x39).contains(bytes[index]), digits < 19 {
            value = value * 10 + Int(bytes[index] - 0x30)
            digits += 1
            index += 1
        }
        return digits > 0 ? value : nil
    }

    /// `{"error": …}`: the object's first key is `error`.
    private static func startsWithErrorKey(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 1
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A { index += 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[index...]).starts(with: errorKey)
    }
}

enum JSONShape {
    /// One object from `{` to its matching `}` and nothing after it: brackets balanced outside
    /// strings, strings closed. Catches truncated and spliced events without a full parse.
    static func isOneObject(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.first == UInt8(ascii: "{") else { return false }
        var depth = 0
        var inString = false, escaped = false
        for (index, byte) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth < 0 { return false }
                if depth == 0 { return index == bytes.count - 1 || bytes[(index + 1)...].allSatisfy { $0 == 0x20 } }
            default: break
            }
        }
        return false
    }
}
