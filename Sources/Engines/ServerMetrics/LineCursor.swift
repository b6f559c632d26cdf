/// A position in one line of Prometheus text, reading its tokens; every read stops at the line's end.
struct LineCursor {
    private let bytes: ArraySlice<UInt8>
    private var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    var atEnd: Bool { index >= bytes.endIndex }
    var peek: UInt8? { atEnd ? nil : bytes[index] }

    mutating func advance() { index += 1 }

    /// Spaces and tabs skipped.
    @discardableResult
    mutating func skipSpaces() -> Int {
        let start = index
        while let byte = peek, byte == 0x20 || byte == 0x09 { index += 1 }
        return index - start
    }

    /// A metric or label name: [a-zA-Z_:][a-zA-Z0-9_:]*.
    mutating func name() -> String? {
        let start = index
        while let byte = peek, Self.isNameByte(byte, first: index == start) { index += 1 }
        return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
    }

    /// Everything up to the next space.
    mutating func word() -> String? {
        let start = index
        while let byte = peek, byte != 0x20 && byte != 0x09 { index += 1 }
        return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
    }

    enum Labels {
        case read([String: String])
        case tooMany
        case malformed
    }

    /// After `{`: `name="value"` pairs separated by commas (a trailing comma allowed) up to `}`.
    mutating func labels(limit: Int) -> Labels {
        var labels: [String: String] = [:]
        while true {
            skipSpaces()
            if peek == UInt8(ascii: "}") {
                advance()
                return .read(labels)
            }
            guard let key = name() else { return .malformed }
            skipSpaces()
            guard peek == UInt8(ascii: "=") else { return .malformed }
            advance()
            skipSpaces()
            guard let value = quoted() else { return .malformed }
            guard labels.count < limit else { return .tooMany }
            labels[key] = value
            skipSpaces()
            if peek == UInt8(ascii: ",") { advance() } else if peek != UInt8(ascii: "}") { return .malformed }
        }
    }

    /// A double-quoted label value with `\\`, `\"` and `\n` escapes (other escapes kept as written).
    private mutating func quoted() -> String? {
        guard peek == UInt8(ascii: "\"") else { return nil }
        advance()
        var value: [UInt8] = []
        while let byte = peek {
            advance()
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: value, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escaped = peek else { return nil }
                advance()
                switch escaped {
                case UInt8(ascii: "n"): value.append(0x0A)
                case UInt8(ascii: "\\"), UInt8(ascii: "\""): value.append(escaped)
                default: value += [byte, escaped]
                }
            default:
                value.append(byte)
            }
        }
        return nil
    }

    /// A sample value: a Go-style float, `NaN`, `+Inf`, `-Inf` or `Inf`.
    mutating func value() -> Double? {
        guard let text = word() else { return nil }
        switch text {
        case "NaN": return .nan
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        default:
            // Double's parser also takes "nan", "inf", hex; only the decimal forms are Prometheus values.
            guard text.utf8.allSatisfy({ Self.isDecimalByte($0) }) else { return nil }
            return Double(text)
        }
    }

    private static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"), UInt8(ascii: ":"): return true
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return !first
        default: return false
        }
    }

    private static func isDecimalByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"): return true
        default: return false
        }
    }
}
