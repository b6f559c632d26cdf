import Yams

/// A user's catalog file: `hardware:`, `models:` and `efficiency:` maps whose entries either
/// add a new name (every field required) or override some fields of a bundled one (deep merge).
struct CatalogOverlay {
    typealias Entries = [(name: String, node: Node, location: SourceLocation)]
    static let sectionNames = ["hardware", "models", "efficiency", "framework-factors"]
    /// Entries per section name; a section the file leaves out is empty.
    let sections: [String: Entries]

    init(document: YAMLDocument) throws(DiagnosticsError) {
        guard let root = document.root?.mapping else {
            throw DiagnosticsError([
                Diagnostic(
                    .error, at: SourceLocation(file: document.path, line: 1, column: 1),
                    "catalog file must be a mapping with 'hardware:', 'models:' and/or 'efficiency:'")
            ])
        }
        var problems: [Diagnostic] = []
        var found: [String: Entries] = [:]
        let (sections, duplicates) = document.pairs(of: root, in: "the catalog file")
        problems += duplicates
        for section in sections {
            guard Self.sectionNames.contains(section.key) else {
                let near = nearestKey(to: section.key, in: Self.sectionNames)
                problems.append(
                    Diagnostic(
                        .error, at: document.location(of: section.keyNode),
                        "unknown section '\(section.key)' in catalog file",
                        hint: near.map { "did you mean '\($0)'?" } ?? "use 'hardware', 'models' or 'efficiency'"))
                continue
            }
            guard let mapping = section.value.mapping else {
                problems.append(
                    Diagnostic(
                        .error, at: document.location(of: section.value),
                        "'\(section.key)' must map names to entries"))
                continue
            }
            let (entries, entryDuplicates) = document.pairs(of: mapping, in: "'\(section.key)'")
            problems += entryDuplicates
            let located = entries.map { ($0.key, $0.value, document.location(of: $0.keyNode)) }
            found[section.key, default: []] += located
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        self.sections = found
    }

    /// Overlay entries onto base entries: same name merges field by field, a new name is added.
    func merge(_ overlay: Entries, into base: Entries) -> Entries {
        var result = base
        for entry in overlay {
            if let index = result.firstIndex(where: { $0.name == entry.name }) {
                result[index] = (entry.name, Self.deepMerge(result[index].node, entry.node), entry.location)
            } else {
                result.append(entry)
            }
        }
        return result
    }

    private static func deepMerge(_ base: Node, _ overlay: Node) -> Node {
        guard let baseMap = base.mapping, let overMap = overlay.mapping else { return overlay }
        var pairs: [(Node, Node)] = baseMap.map { ($0.key, $0.value) }
        for (key, value) in overMap {
            if let index = pairs.firstIndex(where: { $0.0 == key }) {
                pairs[index] = (key, deepMerge(pairs[index].1, value))
            } else {
                pairs.append((key, value))
            }
        }
        return .mapping(Node.Mapping(pairs, baseMap.tag, baseMap.style, baseMap.mark))
    }
}
