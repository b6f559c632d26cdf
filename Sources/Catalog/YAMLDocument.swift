import Foundation
import Yams

/// A YAML file parsed into nodes that keep their positions, with syntax errors turned
/// into positioned diagnostics and duplicate mapping keys reported (Yams keeps them all).
public struct YAMLDocument {
    public let path: String
    public let root: Node?

    public init(path: String) throws(DiagnosticsError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw DiagnosticsError([
                Diagnostic(
                    .error, at: nil, "cannot read \(path): \(error.localizedDescription)",
                    hint: "check the path and that the file is readable UTF-8")
            ])
        }
        try self.init(path: path, text: text)
    }

    public init(path: String, text: String) throws(DiagnosticsError) {
        self.path = path
        if let place = Self.tooDeep(text) {
            throw DiagnosticsError([
                Diagnostic(
                    .error, at: SourceLocation(file: path, line: place.line, column: place.column),
                    "lists and mappings nest more than \(Self.maximumFlowDepth) deep here",
                    hint: "no matrix, catalog or runner file needs such nesting; check the file is what you meant")
            ])
        }
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw DiagnosticsError([Self.diagnostic(for: error, path: path)])
        } catch {
            throw DiagnosticsError([Diagnostic(.error, at: nil, "\(path): \(error)")])
        }
    }

    /// Flow nesting (`[` and `{`) past this is refused before parsing: the YAML composer recurses
    /// once per level, and a few KB of `{{{{…` overflowed its stack (found by `bench perf fuzz`).
    /// Block nesting cannot get near it: each level needs one more column of indentation.
    static let maximumFlowDepth = 256

    /// The line and column where flow nesting first passes the maximum, or nil. Brackets inside
    /// quoted text count too: a real file has no string of 256 unclosed brackets.
    static func tooDeep(_ text: String) -> (line: Int, column: Int)? {
        var depth = 0, line = 1, column = 0
        for byte in text.utf8 {
            column += 1
            switch byte {
            case UInt8(ascii: "\n"): line += 1; column = 0
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maximumFlowDepth { return (line, column) }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    public func location(of node: Node) -> SourceLocation {
        Self.location(of: node, in: path)
    }

    public static func location(of node: Node, in path: String) -> SourceLocation {
        SourceLocation(file: path, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
    }

    /// The pairs of a mapping in file order, with a diagnostic for each key seen twice.
    /// The mapping's pairs with text keys; `duplicates` also holds keys that are not text
    /// (a `{ … }:` or `[ … ]:` line), which are left out.
    public func pairs(of mapping: Node.Mapping, in what: String) -> (pairs: [(key: String, keyNode: Node, value: Node)], duplicates: [Diagnostic]) {
        var seen: [String: SourceLocation] = [:]
        var result: [(String, Node, Node)] = []
        var duplicates: [Diagnostic] = []
        for (keyNode, value) in mapping {
            let here = location(of: keyNode)
            guard let key = keyNode.string else {
                duplicates.append(
                    Diagnostic(
                        .error, at: here, "a \(keyNode.mapping != nil ? "mapping" : "list") is used as a key in \(what)",
                        hint: "keys are plain text; look for a ':' after a '{ ... }' or '[ ... ]'"))
                continue
            }
            if let first = seen[key] {
                duplicates.append(
                    Diagnostic(
                        .error, at: here, "duplicate key '\(key)' in \(what)",
                        hint: "first defined at line \(first.line), column \(first.column); remove or rename one"))
                continue
            }
            seen[key] = here
            result.append((key, keyNode, value))
        }
        return (result, duplicates)
    }

    private static func diagnostic(for error: YamlError, path: String) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let where_ = SourceLocation(file: path, line: mark.line, column: mark.column)
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return Diagnostic(
                .error, at: where_, "YAML syntax error: \(detail)",
                hint: "check indentation, colons and quoting near this position")
        default:
            return Diagnostic(.error, at: SourceLocation(file: path, line: 1, column: 1), "YAML error: \(error)")
        }
    }
}
