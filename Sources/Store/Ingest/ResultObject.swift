import Foundation

/// One JSON object of a result file, read by key with the number checks every outside value needs.
struct ResultObject {
    let fields: [String: Any]

    func has(_ key: String) -> Bool { fields[key] != nil && !(fields[key] is NSNull) }

    /// A finite number under `key` (JSON number or numeric text); nil when absent, null or not finite.
    func number(_ key: String) -> Double? {
        let value: Double?
        if let number = fields[key] as? NSNumber {
            value = number.doubleValue
        } else if let text = fields[key] as? String {
            value = Double(text)
        } else {
            value = nil
        }
        return value.flatMap { $0.isFinite ? $0 : nil }
    }

    /// A whole number (counts, sizes): nil unless finite, integral and within ±2⁵³.
    func whole(_ key: String) -> Int? {
        number(key).flatMap(Self.whole)
    }

    static func whole(_ value: Double) -> Int? {
        guard value.isFinite, value == value.rounded(), abs(value) <= 9_007_199_254_740_992 else { return nil }
        return Int(value)
    }

    func text(_ key: String) -> String? {
        if let value = fields[key] as? String { return value.isEmpty ? nil : value }
        if let value = fields[key] as? NSNumber { return value.stringValue }
        return nil
    }

    /// `true`/`false`, 1/0, or the text "true"/"false" (InferenceX writes DP attention as text).
    func flag(_ key: String) -> Bool? {
        if let text = fields[key] as? String { return ["true": true, "false": false][text.lowercased()] }
        return number(key).map { $0 != 0 }
    }

    func object(_ key: String) -> ResultObject? {
        (fields[key] as? [String: Any]).map(ResultObject.init)
    }
}
