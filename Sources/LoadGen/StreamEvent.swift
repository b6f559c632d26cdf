import Metrics

/// What one SSE line of an OpenAI-style stream says, read from its bytes in place in a single
/// pass: no JSON decoder and no String per event. The pass checks that the payload is one
/// well-formed object (brackets balanced outside strings, strings closed, nothing after it) and
/// picks out the few keys the metrics need, wherever they sit.
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
    /// An error event's payload (its first 300 bytes), for the request's error message.
    var errorText: String?
    /// Why a well-formed event was still refused (a number beyond 2^53); the event is `.malformed`.
    var refusal: String?

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
        self.init(kind: .data)
        if !scan(payload) { self = StreamEvent(kind: .malformed) }
        if refusal != nil { kind = .malformed }
        if kind == .error { errorText = String(decoding: payload.prefix(300), as: UTF8.self) }
    }

    /// One pass over the payload; false when it is not one JSON object.
    private mutating func scan(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.first == Byte.openBrace else { return false }
        var depth = 0
        var usageDepth: Int?
        var keysAtTop = 0
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case Byte.quote:
                let start = index + 1
                index = start
                while index < bytes.count, bytes[index] != Byte.quote { index += bytes[index] == Byte.backslash ? 2 : 1 }
                guard index < bytes.count else { return false }
                let key = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                if let value = Self.valueStart(bytes, after: index + 1) {
                    if depth == 1 { keysAtTop += 1 }
                    if depth == 1, keysAtTop == 1, key.elementsEqual(Self.errorKey) { kind = .error }
                    read(key: key, value: value, in: bytes, depth: depth, usageDepth: &usageDepth)
                }
            case Byte.openBrace, Byte.openBracket:
                depth += 1
            case Byte.closeBrace, Byte.closeBracket:
                depth -= 1
                if let open = usageDepth, depth < open { usageDepth = nil }
                if depth < 0 { return false }
                if depth == 0 { return bytes[(index + 1)...].allSatisfy { $0 == Byte.space } }
            default:
                break
            }
            index += 1
        }
        return false
    }

    private mutating func read(key: UnsafeRawBufferPointer, value: Int, in bytes: UnsafeRawBufferPointer, depth: Int, usageDepth: inout Int?) {
        let first = bytes[value]
        switch key.count {
        case 4 where key.elementsEqual(Self.textKey), 7 where key.elementsEqual(Self.contentKey),
            17 where key.elementsEqual(Self.reasoningKey):
            if first == Byte.quote, value + 1 < bytes.count, bytes[value + 1] != Byte.quote { carriesTokens = true }
        case 5 where key.elementsEqual(Self.usageKey):
            if first == Byte.openBrace { usageDepth = depth + 1 }
        case 13 where key.elementsEqual(Self.promptTokensKey):
            if usageDepth != nil { promptTokens = integer(bytes, at: value, key: "usage.prompt_tokens") }
        case 17 where key.elementsEqual(Self.completionTokensKey):
            if usageDepth != nil { completionTokens = integer(bytes, at: value, key: "usage.completion_tokens") }
        case 13 where key.elementsEqual(Self.emitKey):
            serverEmitTime = integer(bytes, at: value, key: "bench_emit_ns").map(Int64.init)
        default:
            break
        }
    }

    /// When a `:` follows the string that ended just before `index` (it was a key): its value's first byte.
    private static func valueStart(_ bytes: UnsafeRawBufferPointer, after index: Int) -> Int? {
        var next = index
        while next < bytes.count, bytes[next] == Byte.space { next += 1 }
        guard next < bytes.count, bytes[next] == Byte.colon else { return nil }
        next += 1
        while next < bytes.count, bytes[next] == Byte.space { next += 1 }
        return next < bytes.count ? next : nil
    }

    /// The unsigned integer at `start`; one beyond 2^53 is refused (it cannot be a count or a
    /// time, and its digits would overflow), leaving `refusal` set.
    private mutating func integer(_ bytes: UnsafeRawBufferPointer, at start: Int, key: String) -> Int? {
        var index = start, value = 0
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
            value = value * 10 + Int(bytes[index] - 0x30)
            index += 1
            if value > CheckedNumbers.exactLimit {
                refusal = "\(key) is beyond 2^53"
                return nil
            }
        }
        return index > start ? value : nil
    }

    private enum Byte {
        static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), colon = UInt8(ascii: ":"), space = UInt8(ascii: " ")
        static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}"), openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
    }

    private static let dataPrefix = Array("data:".utf8)
    private static let doneMarker = Array("[DONE]".utf8)
    private static let errorKey = Array("error".utf8)
    private static let textKey = Array("text".utf8)
    private static let contentKey = Array("content".utf8)
    private static let reasoningKey = Array("reasoning_content".utf8)
    private static let usageKey = Array("usage".utf8)
    private static let promptTokensKey = Array("prompt_tokens".utf8)
    private static let completionTokensKey = Array("completion_tokens".utf8)
    private static let emitKey = Array("bench_emit_ns".utf8)
}
