import Analysis
import Catalog
import Foundation
import Matrix
import Yams

/// `bench nightly --config FILE`: what the unattended job runs and where its results go
/// (example: contrib/nightly.yaml). Relative paths are read from the config file's folder, so
/// cron and systemd may start it from anywhere.
public struct NightlyConfig: Sendable, Equatable {
    public var sweep: SweepSettings
    public var database: String
    public var logs: String
    /// The dashboard is generated here, then published.
    public var site: String
    /// Markdown and JSON summaries of each night (`nightly-<run>.md/.json`, `latest.md/.json`).
    public var summaries: String
    public var lock: String
    public var publishDirectory: String?
    /// Run with /bin/sh after everything succeeded; $BENCH_SITE, $BENCH_RUN and $BENCH_SUMMARY are set.
    public var publishCommand: String?
    public var regression = RegressionSettings()

    static let keys = [
        "matrices", "engine", "url", "virtual", "repeats", "filters", "seq-lens", "min-conc", "max-conc",
        "num-prompts-per-conc", "num-warmups-per-conc", "max-failures", "seed", "sim-efficiency", "sim-args",
        "engine-args", "hardware", "python", "model-path", "catalog", "runner-config", "max-failure-rate", "db", "logs", "site", "summaries", "lock",
        "publish-dir", "publish-cmd", "regression",
    ]
    static let regressionKeys = ["metric", "levels", "window", "minimum-history", "threshold", "z"]

    public static func load(path: String) throws(DiagnosticsError) -> NightlyConfig {
        let document = try YAMLDocument(path: path)
        let folder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent()
        func resolve(_ text: String) -> String { SweepSettings.absolute(text, relativeTo: folder) }
        var problems: [Diagnostic] = []
        guard let root = document.root,
            let fields = FieldReader(root, what: "the nightly config", allowed: keys, document: document, into: &problems)
        else {
            throw DiagnosticsError(
                problems.isEmpty ? [Diagnostic(.error, at: nil, "\(path) is empty", hint: "start from contrib/nightly.yaml")] : problems)
        }
        _ = fields.requireAll(["matrices"], into: &problems)
        let matrices = fields.stringList("matrices", into: &problems) ?? []
        if fields.has("matrices") && matrices.isEmpty {
            problems.append(
                Diagnostic(
                    .error, at: fields.locationOf("matrices"), "'matrices' lists no file",
                    hint: "list matrix files, e.g. [../matrices/quickstart.yaml]"))
        }
        var sweep = SweepSettings(
            matrices: matrices, filters: fields.stringList("filters", into: &problems) ?? [],
            seqLens: fields.string("seq-lens", into: &problems), minConc: fields.positiveInt("min-conc", into: &problems),
            maxConc: fields.positiveInt("max-conc", into: &problems), catalog: fields.string("catalog", into: &problems),
            runnerConfig: fields.string("runner-config", into: &problems), relativeTo: folder)
        if let text = fields.string("engine", into: &problems) {
            if let engine = SweepSettings.EngineChoice(rawValue: text) {
                sweep.engine = engine
            } else {
                problems.append(Diagnostic(.error, at: fields.locationOf("engine"), "engine '\(text)' is not one of sim, native, external"))
            }
        }
        sweep.externalURL = fields.string("url", into: &problems)
        if sweep.engine == .external && sweep.externalURL == nil {
            problems.append(Diagnostic(.error, at: fields.locationOf("engine"), "engine external needs 'url: http://HOST:PORT'"))
        }
        sweep.virtual = fields.bool("virtual", into: &problems) ?? false
        if sweep.virtual && sweep.engine != .sim {
            problems.append(
                Diagnostic(.error, at: fields.locationOf("virtual"), "'virtual: true' runs the simulator's clock: use it with engine sim"))
        }
        // Three repeats by default: the gate's noise estimate comes from their spread.
        sweep.repeats = fields.positiveInt("repeats", into: &problems) ?? 3
        sweep.promptsPerConcurrency = fields.positiveInt("num-prompts-per-conc", into: &problems) ?? 10
        sweep.warmupsPerConcurrency = fields.number("num-warmups-per-conc", in: 0...1000, into: &problems).map { Int($0) } ?? 2
        sweep.maxFailures = fields.positiveInt("max-failures", into: &problems)
        sweep.maxFailureRate = fields.number("max-failure-rate", in: 0...1, into: &problems)
        sweep.seed = fields.number("seed", in: 0...Double(UInt32.max), into: &problems).map { UInt64($0) } ?? 0
        sweep.simEfficiency = fields.number("sim-efficiency", in: 0.01...2, into: &problems)
        sweep.simArguments = fields.stringList("sim-args", into: &problems) ?? []
        sweep.engineArguments = fields.stringList("engine-args", into: &problems) ?? []
        sweep.hardware = fields.string("hardware", into: &problems)
        sweep.python = fields.string("python", into: &problems) ?? "python3"
        sweep.modelPath = fields.string("model-path", into: &problems).map(resolve)

        let database = resolve(fields.string("db", into: &problems) ?? "../results/nightly.sqlite")
        var config = NightlyConfig(
            sweep: sweep, database: database,
            logs: resolve(fields.string("logs", into: &problems) ?? "../results/logs"),
            site: resolve(fields.string("site", into: &problems) ?? "../results/nightly-site"),
            summaries: resolve(fields.string("summaries", into: &problems) ?? "../results/nightly"),
            lock: resolve(fields.string("lock", into: &problems) ?? database + ".nightly.lock"),
            publishDirectory: fields.string("publish-dir", into: &problems).map(resolve),
            publishCommand: fields.string("publish-cmd", into: &problems))
        if let node = fields.node("regression"),
            let gate = FieldReader(node, what: "'regression'", allowed: regressionKeys, document: document, into: &problems)
        {
            if let text = gate.string("metric", into: &problems) {
                if let metric = YMetric(rawValue: text) {
                    config.regression.metric = metric
                } else {
                    problems.append(
                        Diagnostic(
                            .error, at: gate.locationOf("metric"), "metric '\(text)' is unknown",
                            hint: "one of \(YMetric.allCases.map(\.rawValue).joined(separator: ", "))"))
                }
            }
            config.regression.levels = gate.positiveIntList("levels", into: &problems)?.map(Double.init)
            config.regression.window = gate.positiveInt("window", into: &problems) ?? config.regression.window
            config.regression.minimumHistory = gate.positiveInt("minimum-history", into: &problems) ?? config.regression.minimumHistory
            config.regression.threshold = gate.number("threshold", in: 0...1, into: &problems) ?? config.regression.threshold
            config.regression.z = gate.number("z", in: 0...100, into: &problems) ?? config.regression.z
        }
        guard problems.isEmpty else { throw DiagnosticsError(problems) }
        return config
    }
}
