import Catalog
import Yams

/// bench's own settings in a matrix file, under a top-level `x-bench` key (the `x-` prefix marks
/// an extension field, as in Compose files; it has none of a config's keys). Per config key or
/// `*` pattern, vendor flags appended to the native engine's command line and environment
/// variables set for it:
///
/// ```yaml
/// x-bench:
///   engine-args:
///     dsr1-fp8-*-sglang: ["--mem-fraction-static", "0.88"]
///   engine-env:
///     dsr1-fp8-*-sglang: { SGLANG_ENABLE_JIT_DEEPGEMM: "1" }
/// ```
public struct EngineExtension: Sendable, Equatable {
    public var pattern: String
    public var arguments: [String]
    public var environment: [String: String]
    public var location: SourceLocation

    public func matches(config key: String) -> Bool { Glob.matches(pattern, key) }
}

extension MatrixSchema {
    static let extensionKey = "x-bench"
    static let extensionKeys = ["engine-args", "engine-env"]
}

extension MatrixParser {
    /// Reads the `x-bench` block; every problem becomes a positioned diagnostic.
    mutating func engineExtensions(_ node: Node) -> [EngineExtension] {
        guard
            let fields = FieldReader(
                node, what: "'x-bench'", allowed: MatrixSchema.extensionKeys, document: document,
                into: &problems)
        else { return [] }
        var extensions: [EngineExtension] = []
        for (key, isEnvironment) in [("engine-args", false), ("engine-env", true)] {
            guard let block = fields.node(key) else { continue }
            guard let mapping = block.mapping else {
                problems.append(
                    Diagnostic(
                        .error, at: document.location(of: block), "'\(key)' in 'x-bench' must map config keys or patterns to values",
                        hint: isEnvironment ? "write 'CONFIG-PATTERN: { VAR: value }'" : "write 'CONFIG-PATTERN: [\"--flag\", \"value\"]'"))
                continue
            }
            let (pairs, duplicates) = document.pairs(of: mapping, in: "'\(key)' in 'x-bench'")
            problems += duplicates
            for pair in pairs {
                let location = document.location(of: pair.keyNode)
                if isEnvironment {
                    guard let variables = pair.value.mapping else {
                        problems.append(
                            Diagnostic(
                                .error, at: document.location(of: pair.value),
                                "engine-env '\(pair.key)' must be a mapping of variable names to values",
                                hint: "write '\(pair.key): { VAR: value }'"))
                        continue
                    }
                    var environment: [String: String] = [:]
                    for (name, _, value) in document.pairs(of: variables, in: "engine-env '\(pair.key)'").pairs {
                        environment[name] = value.string ?? ""
                    }
                    extensions.append(EngineExtension(pattern: pair.key, arguments: [], environment: environment, location: location))
                } else {
                    let values = pair.value.sequence.map { Array($0) } ?? [pair.value]
                    let arguments = values.compactMap { $0.scalar?.string }
                    guard arguments.count == values.count else {
                        problems.append(
                            Diagnostic(
                                .error, at: document.location(of: pair.value), "engine-args '\(pair.key)' must be a list of strings",
                                hint: "write '\(pair.key): [\"--flag\", \"value\"]'"))
                        continue
                    }
                    extensions.append(EngineExtension(pattern: pair.key, arguments: arguments, environment: [:], location: location))
                }
            }
        }
        return extensions
    }
}

public extension MatrixSet {
    /// The vendor flags and environment `x-bench` gives a config: every matching entry, in file order.
    func engineExtras(forConfig key: String) -> (arguments: [String], environment: [String: String]) {
        var arguments: [String] = [], environment: [String: String] = [:]
        for entry in engineExtensions where entry.matches(config: key) {
            arguments += entry.arguments
            environment.merge(entry.environment) { $1 }
        }
        return (arguments, environment)
    }

    /// Warnings for `x-bench` patterns that match no config (a typo would otherwise pass silently).
    var unmatchedExtensionNotes: [Diagnostic] {
        engineExtensions.filter { entry in !configs.contains { entry.matches(config: $0.key) } }.map {
            Diagnostic(.warning, at: $0.location, "x-bench pattern '\($0.pattern)' matches no config", hint: "check the config key")
        }
    }
}
