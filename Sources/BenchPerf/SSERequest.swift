import Foundation

/// What the cheap SSE server makes of the bytes a connection sent so far: nothing whole yet, a
/// streaming `POST /v1/completions` asking for `tokens` tokens (`max_tokens`), or a refusal.
/// Only what the server needs is read: the request line, Content-Length and `max_tokens`.
enum SSERequest: Equatable {
    case incomplete
    /// `consumed`: the request's bytes (head and body), to drop before the next one.
    case stream(tokens: Int, consumed: Int)
    case refused(String)

    static let maxBytes = 1 << 20
    static let maxTokens = 1 << 20

    init(_ bytes: [UInt8]) {
        guard let headEnd = Self.find(Array("\r\n\r\n".utf8), in: bytes[...]) else {
            self = bytes.count > Self.maxBytes ? .refused("request head over \(Self.maxBytes) bytes") : .incomplete
            return
        }
        let lines = String(decoding: bytes[..<headEnd], as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
        guard lines.first == "POST /v1/completions HTTP/1.1" else {
            self = .refused("only POST /v1/completions over HTTP/1.1 is served")
            return
        }
        let lengths = lines.dropFirst().compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
            return Int(parts[1].trimmingCharacters(in: .whitespaces))
        }
        guard lengths.count == 1, let length = lengths.first, (0...Self.maxBytes).contains(length) else {
            self = .refused("one Content-Length of at most \(Self.maxBytes) is required")
            return
        }
        let bodyStart = headEnd + 4
        guard bytes.count - bodyStart >= length else {
            self = .incomplete
            return
        }
        guard let tokens = Self.maxTokensValue(in: bytes[bodyStart..<(bodyStart + length)]), (1...Self.maxTokens).contains(tokens) else {
            self = .refused("max_tokens from 1 to \(Self.maxTokens) is required")
            return
        }
        self = .stream(tokens: tokens, consumed: bodyStart + length)
    }

    /// The integer after `"max_tokens":` (spaces allowed around the colon); nil past 7 digits.
    private static func maxTokensValue(in body: ArraySlice<UInt8>) -> Int? {
        guard var index = find(Array("\"max_tokens\"".utf8), in: body) else { return nil }
        index += 12
        while index < body.endIndex, body[index] == 0x20 || body[index] == 0x3A { index += 1 }
        var value = 0, digits = 0
        while index < body.endIndex, (0x30...0x39).contains(body[index]), digits < 8 {
            value = value * 10 + Int(body[index] - 0x30)
            (index, digits) = (index + 1, digits + 1)
        }
        return (1...7).contains(digits) ? value : nil
    }

    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (haystack.startIndex...(haystack.endIndex - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
