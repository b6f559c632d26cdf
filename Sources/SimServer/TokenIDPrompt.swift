import Foundation
import SimEngine

/// The hot case of `/v1/completions`, a top-level `"prompt"` holding a flat array of token ids,
/// read straight from the bytes. JSONSerialization boxes every id in an NSNumber, which made a
/// burst of benchmark requests queue for milliseconds in the server before it even stamped them.
/// Anything else (text, nested arrays, odd spacing inside numbers) is left to the general parser.
struct TokenIDPrompt {
    /// Ids in the array.
    var count: Int
    /// Every id is an integer in [0, vocabulary).
    var valid: Bool
    /// Content ids of the prompt's 64-token blocks, hashed during the scan (the ids are not kept).
    var blockContents: [UInt64]
    /// The body with the array replaced by `0`, for the general parser to check the other fields.
    var rest: Data

    init?(body: Data, vocabulary: Int) {
        guard let found = body.withUnsafeBytes({ Self.scan($0, vocabulary: vocabulary) }) else { return nil }
        (count, valid, blockContents) = (found.count, found.valid, found.blocks.contents)
        var rest = body
        rest.replaceSubrange(found.span, with: Data("0".utf8))
        self.rest = rest
    }

    private static let key = Array("\"prompt\"".utf8)

    /// Finds `"prompt"` as a key of the top-level object and checks the array after it.
    private static func scan(_ bytes: UnsafeRawBufferPointer, vocabulary: Int) -> Found? {
        var depth = 0, index = 0
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                if depth == 1, bytes[index...].starts(with: key), let value = valueStart(bytes, after: index + key.count) {
                    return bytes[value] == UInt8(ascii: "[") ? array(bytes, from: value, vocabulary: vocabulary) : nil
                }
                inString = true
            } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                depth -= 1
            }
            index += 1
        }
        return nil
    }

    private static func valueStart(_ bytes: UnsafeRawBufferPointer, after index: Int) -> Int? {
        var next = index
        while next < bytes.count, isSpace(bytes[next]) { next += 1 }
        guard next < bytes.count, bytes[next] == UInt8(ascii: ":") else { return nil }
        next += 1
        while next < bytes.count, isSpace(bytes[next]) { next += 1 }
        return next < bytes.count ? next : nil
    }

    private struct Found {
        var span: Range<Int>
        var count: Int
        var valid: Bool
        var blocks: BlockHasher
    }

    /// `[` at `start`: integers separated by commas up to `]`; nil for anything else.
    private static func array(_ bytes: UnsafeRawBufferPointer, from start: Int, vocabulary: Int) -> Found? {
        var index = start + 1, count = 0, valid = true
        var blocks = BlockHasher()
        while true {
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "]"), count == 0 { return Found(span: start..<(index + 1), count: 0, valid: true, blocks: blocks) }
            var value = 0, digits = 0
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                value = digits < 18 ? value * 10 + Int(bytes[index] - 0x30) : Int.max
                digits += 1
                index += 1
            }
            // A sign, a string, a nested array or a leading zero: the general parser decides.
            guard digits > 0, digits == 1 || bytes[index - digits] != 0x30 else { return nil }
            if value >= vocabulary { valid = false }
            blocks.add(value)
            count += 1
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "]") { return Found(span: start..<(index + 1), count: count, valid: valid, blocks: blocks) }
            guard bytes[index] == UInt8(ascii: ",") else { return nil }
            index += 1
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
