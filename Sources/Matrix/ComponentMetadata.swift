import Catalog
import Yams

/// A runtime component a config names: `router: {name, version}` or `kv-offload-backend: {name[, version]}`.
/// InferenceX asks for the component's own release (a version, wheel or commit), never a container image.
public struct ComponentMetadata: Sendable, Hashable {
    public var name: String
    public var version: String?

    public init(name: String, version: String? = nil) {
        self.name = name
        self.version = version
    }

    /// `name` or `name@version`, for ids and tables.
    public var label: String { version.map { "\(name)@\($0)" } ?? name }

    /// Reads `{name, version}` with a positioned diagnostic for every problem. `versionRequired`:
    /// routers must carry one; offload backends built into the framework have none.
    static func read(
        _ node: Node, what: String, versionRequired: Bool, document: YAMLDocument,
        into problems: inout [Diagnostic]
    ) -> ComponentMetadata? {
        guard let fields = FieldReader(node, what: what, allowed: ["name", "version"], document: document, into: &problems) else {
            return nil
        }
        let complete = fields.requireAll(versionRequired ? ["name", "version"] : ["name"], into: &problems)
        let name = fields.string("name", into: &problems)
        let version = fields.string("version", into: &problems)
        if let version, version.hasPrefix("image:") {
            problems.append(
                Diagnostic(
                    .error, at: fields.locationOf("version"),
                    "'version' in \(what) is an image reference ('\(version)')",
                    hint: "give the component's own release, package version or source commit"))
            return nil
        }
        guard complete, let name else { return nil }
        return ComponentMetadata(name: name, version: version)
    }
}
