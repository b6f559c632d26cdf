import Catalog
import Foundation
import Yams

/// Reads the fields of one YAML mapping against a list of allowed keys, recording a
/// positioned diagnostic for every unknown key, duplicate, wrong type or bad number.
public struct FieldReader {
    public let document: YAMLDocument
    public let what: String
    public let location: SourceLocation
    private(set) var fields: [String: (keyNode: Node, value: Node)] = [:]

    public init?(
        _ node: Node, what: String, allowed: [String], document: YAMLDocument,
        unknownHint: ((String) -> String?)? = nil, into problems: inout [Diagnostic]
    ) {
        self.document = document
        self.what = what
        self.location = document.location(of: node)
        guard let mapping = node.mapping else {
            problems.append(
                Diagnostic(
                    .error, at: location, "\(what) must be a mapping of keys to values",
                    hint: "write it as 'key: value' lines or { key: value, ... }"))
            return nil
        }
        let (pairs, duplicates) = document.pairs(of: mapping, in: what)
        problems += duplicates
        for pair in pairs {
            if allowed.contains(pair.key) {
                fields[pair.key] = (pair.keyNode, pair.value)
                continue
            }
            var hint = nearestKey(to: pair.key, in: allowed).map { "did you mean '\($0)'?" }
            if let extra = unknownHint?(pair.key) { hint = extra }
            problems.append(
                Diagnostic(
                    .error, at: document.location(of: pair.keyNode),
                    "unknown key '\(pair.key)' in \(what)",
                    hint: hint ?? "valid keys: \(allowed.joined(separator: ", "))"))
        }
    }

    public func has(_ key: String) -> Bool { fields[key] != nil }

    public func node(_ key: String) -> Node? { fields[key]?.value }

    public func locationOf(_ key: String) -> SourceLocation {
        fields[key].map { document.location(of: $0.keyNode) } ?? location
    }

    public func requireAll(_ keys: [String], into problems: inout [Diagnostic]) -> Bool {
        let missing = keys.filter { fields[$0] == nil }
        for key in missing {
            problems.append(
                Diagnostic(
                    .error, at: location, "\(what) is missing required key '\(key)'",
                    hint: "add '\(key): ...'"))
        }
        return missing.isEmpty
    }

    public func string(_ key: String, into problems: inout [Diagnostic]) -> String? {
        guard let node = node(key) else { return nil }
        guard let scalar = node.scalar, !scalar.string.isEmpty else {
            problems.append(Diagnostic(.error, at: document.location(of: node), "'\(key)' in \(what) must be non-empty text"))
            return nil
        }
        return scalar.string
    }

    public func bool(_ key: String, into problems: inout [Diagnostic]) -> Bool? {
        guard let node = node(key) else { return nil }
        guard let value = node.bool else {
            problems.append(
                Diagnostic(
                    .error, at: document.location(of: node),
                    "'\(key)' in \(what) must be true or false, not '\(node.string ?? "a collection")'"))
            return nil
        }
        return value
    }

    /// A positive integer (every count, size and length in a matrix must be > 0).
    public func positiveInt(_ key: String, into problems: inout [Diagnostic]) -> Int? {
        guard let node = node(key) else { return nil }
        return Self.wholeNumber(node, named: "'\(key)' in \(what)", range: 1...Self.maximum(for: key), document: document, into: &problems)
    }

    public func positiveIntList(_ key: String, into problems: inout [Diagnostic]) -> [Int]? {
        guard let node = node(key) else { return nil }
        guard let sequence = node.sequence else {
            problems.append(
                Diagnostic(
                    .error, at: document.location(of: node), "'\(key)' in \(what) must be a list of numbers",
                    hint: "write it as [4, 8, 16]"))
            return nil
        }
        if sequence.isEmpty {
            problems.append(
                Diagnostic(
                    .error, at: document.location(of: node), "'\(key)' in \(what) is empty",
                    hint: "list at least one concurrency"))
            return nil
        }
        var values: [Int] = []
        var ok = true
        for item in sequence {
            if let value = Self.wholeNumber(
                item, named: "each value of '\(key)' in \(what)", range: 1...Self.maximum(for: key),
                document: document, into: &problems)
            {
                values.append(value)
            } else {
                ok = false
            }
        }
        return ok ? values : nil
    }

    public func stringList(_ key: String, into problems: inout [Diagnostic]) -> [String]? {
        guard let node = node(key) else { return nil }
        if case .scalar(let scalar) = node, scalar.tag == .init(.null) || scalar.string == "" { return [] }
        guard let sequence = node.sequence else {
            problems.append(Diagnostic(.error, at: document.location(of: node), "'\(key)' in \(what) must be a list of strings"))
            return nil
        }
        return sequence.map { $0.string ?? "" }
    }

    /// A finite number within `range`.
    public func number(_ key: String, in range: ClosedRange<Double>, into problems: inout [Diagnostic]) -> Double? {
        guard let node = node(key) else { return nil }
        guard let text = node.scalar?.string, let value = Double(text), value.isFinite else {
            problems.append(
                Diagnostic(.error, at: document.location(of: node), "'\(key)' in \(what) must be a number, not '\(node.string ?? "a collection")'"))
            return nil
        }
        guard range.contains(value) else {
            problems.append(
                Diagnostic(
                    .error, at: document.location(of: node),
                    "'\(key)' in \(what) must be between \(range.lowerBound) and \(range.upperBound), got \(value)"))
            return nil
        }
        return value
    }

    /// A whole number of at least 0 (a pool with no workers).
    public func nonNegativeInt(_ key: String, into problems: inout [Diagnostic]) -> Int? {
        guard let node = node(key) else { return nil }
        return Self.wholeNumber(node, named: "'\(key)' in \(what)", range: 0...Self.maximum(for: key), document: document, into: &problems)
    }

    /// The largest value `key` may have. Parallelism sizes stop at 4096, so that a GPU count (a
    /// product of up to four of them) cannot overflow; lengths and concurrencies at 2^24, far
    /// inside `isl + osl + 256` and conc doubling; host memory in MiB at 2^40 (an exbibyte).
    static func maximum(for key: String) -> Int {
        switch key {
        case "tp", "ep", "pp", "dcp-size", "pcp-size", "num-worker", "gpus-per-node": 4096
        case "available-cpu-dram-mib": 1 << 40
        default: 1 << 24
        }
    }

    private static func wholeNumber(
        _ node: Node, named name: String, range: ClosedRange<Int>, document: YAMLDocument,
        into problems: inout [Diagnostic]
    ) -> Int? {
        // YAML 1.1 (InferenceX's PyYAML) reads `2_063_837` as an integer.
        guard let text = node.scalar?.string, let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
            problems.append(
                Diagnostic(
                    .error, at: document.location(of: node),
                    "\(name) must be a whole number, not '\(node.string ?? "a collection")'"))
            return nil
        }
        let minimum = range.lowerBound
        guard value >= minimum else {
            problems.append(
                Diagnostic(
                    .error, at: document.location(of: node),
                    "\(name) must be \(minimum == 1 ? "positive" : "at least \(minimum)"), got \(value)",
                    hint: "use a value of \(minimum) or more"))
            return nil
        }
        guard value <= range.upperBound else {
            problems.append(
                Diagnostic(
                    .error, at: document.location(of: node), "\(name) is \(value), over the most bench accepts (\(range.upperBound))",
                    hint: "use a value of \(range.upperBound) or less"))
            return nil
        }
        return value
    }
}
