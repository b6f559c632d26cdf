import Foundation
import Yams

/// The hardware and model figures every other module reads: the bundled YAML resources,
/// optionally overlaid by a user file (`--catalog FILE`) that adds entries or overrides fields.
public struct Catalog: Sendable {
    public private(set) var hardware: [String: HardwareSpec]
    public private(set) var models: [String: ModelSpec]
    /// Simulator efficiency factors per architecture generation (`hopper`, `blackwell`, `cdna3`, `cdna4`).
    public private(set) var efficiency: [String: EfficiencySpec]
    /// Fitted per-engine speed factors (FrameworkFactor), by entry name.
    public private(set) var frameworkFactors: [String: FrameworkFactor]

    /// The bundled catalog plus, when given, the user's file on top.
    public static func load(userFile: String? = nil) throws(DiagnosticsError) -> Catalog {
        var nodes = try bundledNodes()
        if let userFile {
            let document = try YAMLDocument(path: userFile)
            let overlay = try CatalogOverlay(document: document)
            for (section, entries) in overlay.sections {
                nodes[section] = overlay.merge(entries, into: nodes[section] ?? [])
            }
        }
        var problems: [Diagnostic] = []
        let hardware: [String: HardwareSpec] = decodeEntries(nodes["hardware"] ?? [], kind: "hardware", problems: &problems) {
            $0.name = $1
        }
        let models: [String: ModelSpec] = decodeEntries(nodes["models"] ?? [], kind: "model", problems: &problems) {
            $0.name = $1
        }
        let efficiency: [String: EfficiencySpec] = decodeEntries(nodes["efficiency"] ?? [], kind: "efficiency", problems: &problems) {
            $0.generation = $1
        }
        let frameworkFactors: [String: FrameworkFactor] = decodeEntries(
            nodes["framework-factors"] ?? [], kind: "framework factor", problems: &problems
        ) {
            $0.name = $1
        }
        for (name, entry) in frameworkFactors.sorted(by: { $0.key < $1.key }) {
            if !(entry.factor > 0.05 && entry.factor < 20) {
                problems.append(
                    Diagnostic(.error, at: nil, "framework factor '\(name)' is \(entry.factor)", hint: "a factor is a speed ratio between 0.05 and 20"))
            }
            if name.split(separator: "/").count > 3 {
                problems.append(
                    Diagnostic(
                        .error, at: nil, "framework factor '\(name)' names more than generation/framework/precision",
                        hint:
                            "entries are all, compute, mtp, <generation>, <framework>, <precision>, moe, dense, <model>, <generation>/<framework> and <generation>/<framework>/<precision>; their product applies"
                    ))
            }
        }
        for (name, spec) in efficiency.sorted(by: { $0.key < $1.key }) {
            for field in spec.outOfRange {
                problems.append(Diagnostic(.error, at: nil, "efficiency '\(name)': \(field)", hint: "set it inside that range"))
            }
        }
        for spec in hardware.values.sorted(by: { $0.name < $1.name }) where efficiency[spec.generation] == nil {
            problems.append(
                Diagnostic(
                    .error, at: nil, "hardware '\(spec.name)' has generation '\(spec.generation)' with no efficiency entry",
                    hint:
                        "add 'efficiency: { \(spec.generation): {...} }' to the catalog file, or use one of: \(efficiency.keys.sorted().joined(separator: ", "))"
                ))
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        return Catalog(hardware: hardware, models: models, efficiency: efficiency, frameworkFactors: frameworkFactors)
    }

    /// The efficiency factors the simulator applies to this GPU.
    public func efficiency(for hardware: HardwareSpec) -> EfficiencySpec? {
        efficiency[hardware.generation]
    }

    /// The hardware a matrix `runner` stands for. InferenceX runner labels name a fleet
    /// (`cluster:mi355x-amds`) or carry suffixes for the pool they run on (`b200-multinode`,
    /// `mi355x-disagg`, `gb300-nv`), so the `cluster:` prefix is dropped and, after an exact
    /// name or alias match, the part before the first `-` is tried.
    public func hardware(forRunner runner: String) -> HardwareSpec? {
        var wanted = runner.lowercased()
        if wanted.hasPrefix("cluster:") { wanted.removeFirst("cluster:".count) }
        if let spec = hardwareByNameOrAlias(wanted) { return spec }
        if let head = wanted.split(separator: "-").first, let spec = hardwareByNameOrAlias(String(head)) {
            return spec
        }
        return nil
    }

    /// The model for a matrix `model-prefix` (`dsr1`), a catalog name, or a Hugging Face id.
    public func model(named name: String) -> ModelSpec? {
        if let spec = models[name] { return spec }
        let lowered = name.lowercased()
        return models.values.sorted { $0.name < $1.name }.first { spec in
            spec.hfIDs.contains { $0.lowercased() == lowered }
        }
    }

    private func hardwareByNameOrAlias(_ name: String) -> HardwareSpec? {
        if let spec = hardware[name] { return spec }
        return hardware.values.sorted { $0.name < $1.name }.first { $0.aliases.contains(name) }
    }

    // MARK: loading

    private static func bundledNodes() throws(DiagnosticsError) -> [String: CatalogOverlay.Entries] {
        func entries(_ resource: String) throws(DiagnosticsError) -> [(name: String, node: Node, location: SourceLocation)] {
            guard let url = Bundle.module.url(forResource: resource, withExtension: "yaml") else {
                throw DiagnosticsError([
                    Diagnostic(
                        .error, at: nil, "bundled catalog resource \(resource).yaml is missing",
                        hint: "the build is broken; rebuild bench")
                ])
            }
            let document = try YAMLDocument(path: url.path)
            guard let mapping = document.root?.mapping else { return [] }
            let (pairs, duplicates) = document.pairs(of: mapping, in: "\(resource).yaml")
            if !duplicates.isEmpty { throw DiagnosticsError(duplicates) }
            return pairs.map { ($0.key, $0.value, document.location(of: $0.keyNode)) }
        }
        return [
            "hardware": try entries("hardware"), "models": try entries("models"), "efficiency": try entries("efficiency"),
            "framework-factors": try entries("framework-factors"),
        ]
    }

    private static func decodeEntries<T: Decodable & KnownKeys>(
        _ entries: [(name: String, node: Node, location: SourceLocation)], kind: String,
        problems: inout [Diagnostic], finish: (inout T, String) -> Void
    ) -> [String: T] {
        var result: [String: T] = [:]
        for entry in entries {
            if let mapping = entry.node.mapping {
                for (keyNode, _) in mapping {
                    let key = keyNode.string ?? ""
                    if !T.knownKeys.contains(key) {
                        let near = nearestKey(to: key, in: T.knownKeys)
                        problems.append(
                            Diagnostic(
                                .error, at: YAMLDocument.location(of: keyNode, in: entry.location.file),
                                "unknown field '\(key)' in \(kind) '\(entry.name)'",
                                hint: near.map { "did you mean '\($0)'?" }))
                    }
                }
            }
            do {
                var spec = try YAMLDecoder().decode(T.self, from: try Yams.serialize(node: entry.node))
                finish(&spec, entry.name)
                result[entry.name] = spec
            } catch let error as DecodingError {
                problems.append(
                    Diagnostic(
                        .error, at: entry.location,
                        "\(kind) '\(entry.name)': \(describe(error))",
                        hint: "a new catalog entry needs every field; see `bench catalog show` for a complete one"))
            } catch {
                problems.append(Diagnostic(.error, at: entry.location, "\(kind) '\(entry.name)': \(error)"))
            }
        }
        return result
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case let .keyNotFound(key, context):
            let prefix = path(context)
            return "missing field '\(prefix.isEmpty ? key.stringValue : prefix + "." + key.stringValue)'"
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            return "field '\(path(context))' should be \(type == String.self ? "text" : "a \(type)")"
        case let .dataCorrupted(context):
            return "field '\(path(context))': \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

/// The field names a catalog entry may use, for unknown-field errors with suggestions.
protocol KnownKeys {
    static var knownKeys: [String] { get }
}

extension HardwareSpec: KnownKeys {
    static var knownKeys: [String] { CodingKeys.allCases.map(\.rawValue) }
}

extension ModelSpec: KnownKeys {
    static var knownKeys: [String] { CodingKeys.allCases.map(\.rawValue) }
}

extension EfficiencySpec: KnownKeys {
    static var knownKeys: [String] { CodingKeys.allCases.map(\.rawValue) }
}
