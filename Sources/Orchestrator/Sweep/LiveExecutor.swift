import Catalog
import Engines
import Foundation
import LoadGen
import Matrix
import Metrics

/// Points measured over HTTP with the load generator against a launched engine (sim or native)
/// or an external URL. An engine that dies fails its point and is relaunched for the next.
final class LiveExecutor: PointExecutor, @unchecked Sendable {
    private let settings: SweepSettings
    private let recipeOptions: RecipeOptions
    private let logsDirectory: String
    private let gpuTool: GPUTool?
    private var engine: Engine?
    private var baseURL: URL?
    private var deployment: Deployment?
    /// The agentic traces, read when the first agentic point is measured.
    private var traces: [AgenticTrace]?

    init(settings: SweepSettings, recipeOptions: RecipeOptions, logsDirectory: String, gpuTool: GPUTool?) {
        self.settings = settings
        self.recipeOptions = recipeOptions
        self.logsDirectory = logsDirectory
        self.gpuTool = gpuTool
    }

    func start(_ group: DeploymentGroup, control: SweepControl) async throws(EngineError) -> String? {
        deployment = group.deployment
        if settings.engine == .external {
            guard let text = settings.externalURL, let url = URL(string: text) else {
                throw EngineError("--engine external needs --url", fix: "pass the server's base URL, e.g. --url http://127.0.0.1:8000")
            }
            baseURL = url
            return "external \(Redaction.url(text))"
        }
        let port = try LoopbackHTTP.freePort()
        guard let command = try group.launchCommand(settings: settings, options: recipeOptions, port: port) else { return nil }
        let logPath = "\(logsDirectory)/\(group.deployment.id).log"
        let readiness = settings.readinessSeconds
        let launched = try await offThread { () throws(EngineError) -> Engine in
            try Engine(command: command, port: port, logPath: logPath, readinessSeconds: readiness) { control.stopRequested }
        }
        engine = launched
        baseURL = launched.baseURL
        // If this bench is killed (-9), the engine outlives it; a resume reads this and kills the group.
        EngineLeftovers.record(group: launched.processGroup, in: logsDirectory)
        return command.display
    }

    var isReady: Bool {
        settings.engine == .external ? baseURL != nil : (engine?.isRunning ?? false)
    }

    func measure(_ planned: PlannedPoint, control: SweepControl, observer: any SweepObserver) async -> PointMeasurement {
        guard let baseURL, let deployment else { return PointMeasurement(records: [], error: "no engine") }
        if deployment.agentic != nil { return await replay(planned, baseURL: baseURL, deployment: deployment, control: control, observer: observer) }
        let conc = planned.point.conc
        let loadSettings: LoadSettings
        do {
            loadSettings = LoadSettings(
                target: try LoadTarget(url: baseURL.absoluteString, endpoint: .completions),
                workload: Workload(
                    endpoint: .completions, model: deployment.model, inputLength: deployment.isl,
                    outputLength: deployment.osl, rangeRatio: settings.randomRangeRatio,
                    seed: settings.seed &+ UInt64(planned.repeatIndex), vocabularySize: settings.vocabularySize),
                maxConcurrency: conc, length: .prompts(conc * settings.promptsPerConcurrency),
                warmups: conc * settings.warmupsPerConcurrency, timeoutSeconds: settings.requestTimeoutSeconds,
                apiKey: ProcessInfo.processInfo.environment[settings.apiKeyVariable ?? "BENCH_API_KEY"],
                loops: settings.clientLoops ?? 1)
        } catch {
            return PointMeasurement(records: [], error: error.description)
        }
        let run: LoadRun
        do {
            run = try LoadRun(settings: loadSettings)
        } catch {
            return PointMeasurement(records: [], error: "cannot start the load generator: \(error)")
        }
        let sampler = gpuTool.map { TelemetrySampler(tool: $0, gpus: deployment.gpus) }
        let watcher = Task { [engine] in
            var stopping = false
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
                if let progress = try? await run.progress() { observer.pointProgress(progress) }
                if !stopping && (control.stopRequested || engine?.isRunning == false) {
                    stopping = true
                    run.stop(graceSeconds: control.stopRequested ? 5 : 0)
                }
            }
        }
        let outcome = try? await run.run()
        watcher.cancel()
        let power = await offThread { sampler?.stop() }
        var measurement = PointMeasurement(records: outcome?.requests.map(\.record) ?? [], power: power)
        if outcome == nil { measurement.error = "the load generator failed to run" }
        return await concluded(measurement, control: control)
    }

    /// An agentic-coding point: the trace replay against the engine, its `/metrics` read around the profiling phase.
    private func replay(
        _ planned: PlannedPoint, baseURL: URL, deployment: Deployment, control: SweepControl, observer: any SweepObserver
    ) async -> PointMeasurement {
        if traces == nil {
            do {
                traces = try AgenticTraceSource.load(settings)
            } catch {
                return PointMeasurement(records: [], error: error.description)
            }
        }
        let sampler = gpuTool.map { TelemetrySampler(tool: $0, gpus: deployment.gpus) }
        let outcome = await LiveAgenticReplay.run(
            baseURL: baseURL, model: deployment.model, framework: deployment.framework, traces: traces ?? [], lanes: planned.point.conc,
            durationSeconds: deployment.agentic?.durationSeconds ?? 0, seed: settings.agenticSeed &+ UInt64(planned.repeatIndex),
            settings: settings
        ) { [engine] _ in control.stopRequested || engine?.isRunning == false }
        let power = await offThread { sampler?.stop() }
        var measurement = PointMeasurement(records: outcome.records, power: power, agentic: outcome.agentic)
        measurement.error = outcome.failed
        return await concluded(measurement, control: control)
    }

    /// Whether the engine died under the point (its report becomes the point's error) and whether a stop was asked for.
    private func concluded(_ measurement: PointMeasurement, control: SweepControl) async -> PointMeasurement {
        var measurement = measurement
        // A crash shows first as refused or reset connections; give the exit a moment to be seen.
        if let engine, measurement.records.contains(where: { $0.error?.kind == .connection }) {
            _ = await offThread { engine.waitForExit(seconds: 2) }
        }
        if let report = engine?.deathReport {
            measurement.error = report
            engine = nil
        }
        measurement.interrupted = control.stopRequested
        return measurement
    }

    func stop() async {
        if let engine {
            await offThread { engine.stop() }
        }
        engine = nil
        baseURL = nil
        try? FileManager.default.removeItem(atPath: EngineLeftovers.pidFile(logsDirectory))
    }
}
