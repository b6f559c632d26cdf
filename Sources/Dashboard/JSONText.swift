/// JSON written by hand, for the bulk of a site (every series' columns): JSONEncoder boxes each
/// value on its way out, which made it most of a 100,000-point site's write time. Keys are written
/// in the order given; callers give them sorted, as the encoder's `.sortedKeys` would.
struct JSONText {
    private(set) var text = ""

    mutating func raw(_ fragment: String) { text += fragment }

    mutating func string(_ value: String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    /// Whole numbers without a fraction (as JSONEncoder writes them); nil as null.
    mutating func number(_ value: Double?) {
        guard let value, value.isFinite else { return text += "null" }
        if value == value.rounded(), abs(value) < 1e15 { text += String(Int64(value)) } else { text += value.description }
    }

    mutating func key(_ name: String) {
        if let last = text.last, last != "{" { text += "," }
        string(name)
        text += ":"
    }

    mutating func object(_ body: (inout JSONText) -> Void) {
        text += "{"
        body(&self)
        text += "}"
    }

    mutating func array<Element>(_ values: [Element], _ each: (inout JSONText, Element) -> Void) {
        text += "["
        for (index, value) in values.enumerated() {
            if index > 0 { text += "," }
            each(&self, value)
        }
        text += "]"
    }

    mutating func numbers(_ values: [Double?]) { array(values) { $0.number($1) } }

    mutating func integers<Integer: BinaryInteger>(_ values: [Integer]) { array(values) { $0.raw(String($1)) } }
}
