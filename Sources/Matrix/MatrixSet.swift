import Catalog

/// The configs of one or more matrix files, loaded together as InferenceX does
/// (a config key may appear in only one of them), with every problem found.
public struct MatrixSet: Sendable {
    public var configs: [MatrixConfig]
    public var diagnostics: [Diagnostic]
    /// Every file's `x-bench` engine settings, in file order.
    public var engineExtensions: [EngineExtension] = []

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    public init(configs: [MatrixConfig], diagnostics: [Diagnostic]) {
        self.configs = configs
        self.diagnostics = diagnostics
    }

    /// Loads and validates each file. Never throws: unreadable files and syntax errors
    /// become diagnostics so `validate` can list every problem in every file. `runners` gives
    /// the runner labels and host facts; with `hardware`, each runner must name a label of it or a
    /// GPU bench knows.
    public static func load(paths: [String], runners: RunnerTable = .builtIn, hardware: HardwareNaming? = nil) -> MatrixSet {
        var configs: [MatrixConfig] = []
        var diagnostics: [Diagnostic] = []
        var extensions: [EngineExtension] = []
        var firstSeen: [String: SourceLocation] = [:]
        for path in paths {
            let document: YAMLDocument
            do {
                document = try YAMLDocument(path: path)
            } catch {
                diagnostics += error.diagnostics
                continue
            }
            var parser = MatrixParser(document: document, runners: runners)
            let parsed = parser.parse()
            diagnostics += parser.problems
            extensions += parser.extensions
            for config in parsed {
                if let first = firstSeen[config.key] {
                    diagnostics.append(
                        Diagnostic(
                            .error, at: config.location, "duplicate config key '\(config.key)'",
                            hint: "also defined at \(first); config keys must be unique across all matrix files"))
                    continue
                }
                firstSeen[config.key] = config.location
                configs.append(config)
            }
        }
        if let hardware { diagnostics += runners.problems(for: configs, naming: hardware) }
        var set = MatrixSet(configs: configs, diagnostics: diagnostics)
        set.engineExtensions = extensions
        set.diagnostics += set.unmatchedExtensionNotes
        return set
    }

    /// Runners and model prefixes the simulated engine cannot model with this catalog.
    /// Warnings for `validate` and `expand`; the caller makes them fatal when the sim must run them.
    public func simulatorGaps(catalog: Catalog, severity: Diagnostic.Severity = .warning) -> [Diagnostic] {
        var gaps: [Diagnostic] = []
        for config in configs {
            if catalog.hardware(forRunner: config.runner) == nil {
                let near = nearestKey(to: config.runner, in: catalog.hardware.keys.sorted())
                gaps.append(
                    Diagnostic(
                        severity, at: config.location,
                        "runner '\(config.runner)' of '\(config.key)' is not in the hardware catalog; the simulated engine cannot run it",
                        hint: (near.map { "did you mean '\($0)'? " } ?? "") + "or add it with --catalog FILE"))
            }
            if catalog.model(named: config.modelPrefix) == nil && catalog.model(named: config.model) == nil {
                let near = nearestKey(to: config.modelPrefix, in: catalog.models.keys.sorted())
                gaps.append(
                    Diagnostic(
                        severity, at: config.location,
                        "model-prefix '\(config.modelPrefix)' of '\(config.key)' is not in the model catalog; the simulated engine cannot run it",
                        hint: (near.map { "did you mean '\($0)'? " } ?? "") + "or add it with --catalog FILE"))
            }
        }
        return gaps
    }
}
