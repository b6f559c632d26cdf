import ArgumentParser
import Foundation
import Matrix
import Orchestrator

/// The options that decide a sweep's points and engine, shared by `bench run` and `bench submit`
/// (whose Slurm tasks get them back as `bench run` arguments).
struct SweepOptions: ParsableArguments {
    @Option(
        help:
            "sim: every point on the simulated engine as its hardware; native: each point's framework (sglang, vllm, trt) on points for this machine's GPUs; external: the server at --url."
    )
    var engine: SweepSettings.EngineChoice = .sim
    @Option(help: "The running server for --engine external (e.g. http://127.0.0.1:8000).") var url: String?
    @Flag(help: "Run on the simulator's virtual clock (no HTTP; seconds for a whole sweep). Only with --engine sim.") var virtual = false
    @OptionGroup var selection: SweepSelectionOptions
    @Option(help: "Run every point N times (noise estimates).") var repeats = 1
    @Option(
        name: .customLong("scenario"),
        help: ArgumentHelp(
            "fixed-seq-len or agentic-coding (repeatable; default fixed-seq-len: agentic points replay traces for an hour each and run only when named).",
            valueName: "type"))
    var scenarios: [String] = []
    @Option(help: "Replay time of each agentic-coding point after warmup, e.g. 300s or 1h (default: the matrix's, 3600 s as InferenceX).")
    var duration: String?
    @Option(help: "Weka-format trace JSONL for agentic-coding points (default: synthetic traces, as bench traces synth writes them).")
    var traces: String?
    @OptionGroup var catalogOption: CatalogOption
    @OptionGroup var runnerConfig: RunnerConfigOption

    func validate() throws {
        if virtual && engine != .sim { throw ValidationError("--virtual runs the simulator's clock: use it with --engine sim") }
        if engine == .external && url == nil { throw ValidationError("--engine external needs --url http://HOST:PORT") }
        if repeats < 1 { throw ValidationError("--repeats must be at least 1, got \(repeats)") }
        for scenario in scenarios where ScenarioType(rawValue: scenario) == nil {
            throw ValidationError("--scenario '\(scenario)' is not a scenario type; use fixed-seq-len or agentic-coding")
        }
        if let duration, durationSeconds == nil {
            throw ValidationError("--duration '\(duration)' is not a duration; write e.g. 300s, 10m or 1h (at least one second)")
        }
        if let traces, !FileManager.default.isReadableFile(atPath: traces) {
            throw ValidationError("--traces \(traces): no readable file there; pass a Weka-format trace JSONL (bench traces synth writes one)")
        }
    }

    /// `--duration` in whole seconds (at least 1, at most a week).
    private var durationSeconds: Int? {
        guard let duration, let seconds = DurationText.seconds(duration), seconds >= 1, seconds <= 604_800 else { return nil }
        return Int(seconds)
    }

    /// The settings these options give; `bench run` adds its own on top.
    func settings(matrices: [String]) -> SweepSettings {
        var settings = SweepSettings(
            matrices: matrices, filters: selection.filters, seqLens: selection.seqLens, minConc: selection.minConc,
            maxConc: selection.maxConc, catalog: catalogOption.path, runnerConfig: runnerConfig.path)
        (settings.engine, settings.externalURL, settings.virtual, settings.repeats) = (engine, url, virtual, repeats)
        settings.scenarios = scenarios.isEmpty ? nil : scenarios
        settings.agenticDurationSeconds = durationSeconds
        settings.tracesPath = traces.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        return settings
    }

    /// `bench run` arguments that give back what these options set in `settings` (its paths are already absolute).
    static func runArguments(_ settings: SweepSettings) -> [String] {
        var arguments = ["--matrix"] + settings.matrixFiles + ["--engine", settings.engine.rawValue]
        if let url = settings.externalURL { arguments += ["--url", url] }
        if settings.virtual { arguments.append("--virtual") }
        arguments += settings.filters.flatMap { ["--filter", $0] }
        if let seqLens = settings.seqLens { arguments += ["--seq-lens", seqLens] }
        if let minConc = settings.minConc { arguments += ["--min-conc", "\(minConc)"] }
        if let maxConc = settings.maxConc { arguments += ["--max-conc", "\(maxConc)"] }
        if settings.repeats != 1 { arguments += ["--repeats", "\(settings.repeats)"] }
        arguments += (settings.scenarios ?? []).flatMap { ["--scenario", $0] }
        if let duration = settings.agenticDurationSeconds { arguments += ["--duration", "\(duration)s"] }
        if let traces = settings.tracesPath { arguments += ["--traces", traces] }
        if let catalog = settings.catalogPath { arguments += ["--catalog", catalog] }
        if let runnerConfig = settings.runnerConfigPath { arguments += ["--runner-config", runnerConfig] }
        return arguments
    }
}
