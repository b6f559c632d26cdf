import ArgumentParser
import Catalog
import Engines
import Foundation
import LoadGen
import Orchestrator
import Store

/// `bench run`: a whole sweep into the results database.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run sweep matrices on an engine and store every point in the results database.",
        discussion: """
            Points are grouped by deployment: one engine launch serves its concurrencies, low to high. Each point runs \
            2 × conc warmup requests, then 10 × conc measured ones (InferenceX's count), and is stored as it completes. \
            Ctrl-C or SIGTERM stops, tears the engine down and marks the run interrupted; --resume RUN runs exactly the \
            points it has not stored. Exit status: 0 every point ok, 2 some failed or --max-failures was reached, \
            130 interrupted.
            """)

    @Option(
        name: .customLong("matrix"), parsing: .upToNextOption,
        help: ArgumentHelp("Matrix files (InferenceX master-config format).", valueName: "file"))
    var matrices: [String] = []
    @OptionGroup var sweepOptions: SweepOptions
    @Flag(
        help: "With --virtual: store every token event of every request (default: each request's first and last token; metrics are exact either way)."
    ) var keepEvents = false
    @Option(help: "This machine's GPU as a catalog name, for --engine native (default: detected with nvidia-smi or amd-smi).") var hardware: String?
    @OptionGroup var database: DatabaseOption
    @Option(help: "Engine logs go under DIR/<run>/<deployment>.log.") var logs = "results/logs"
    @Option(help: "Measured requests per point = N × concurrency.") var numPromptsPerConc = 10
    @Option(help: "Warmup requests per point = N × concurrency.") var numWarmupsPerConc = 2
    @Option(help: "Lengths drawn from [ratio·L, L], as InferenceX.") var randomRangeRatio = 1.0
    @Option(help: "Seed for prompts and lengths.") var seed: UInt64 = 0
    @Option(help: "The served model's vocabulary size, when below 31000: prompt token ids are drawn below it.") var vocabSize: Int?
    @Option(help: "Continue this run: only the points it has not stored.") var resume: Int64?
    @Flag(help: "With --resume: also run again the points stored as failed (each replaced by its next attempt).") var retryFailed = false
    @Flag(help: "Print the plan (points, engine launches, estimated time) and exit.") var dryRun = false
    @Option(help: "Stop the sweep after N failed points.") var maxFailures: Int?
    @Option(help: "A point with a larger share of failed requests is a failed point, off every frontier (InferenceX's rule).")
    var maxFailureRate = SweepSettings.defaultMaxFailureRate
    @Option(help: "Per request, e.g. 600s or 10m.") var requestTimeout = "600s"
    @Option(help: "Event loops (threads) of the load generator, as bench load --loops (a local engine needs cores too).") var clientLoops = 1
    @Option(help: "How long an engine may take to answer GET /health, e.g. 15m.") var engineReadyTimeout = "15m"
    @Option(help: "The Python with sglang or vllm installed (a virtualenv's bin/python).") var python = "python3"
    @Option(help: "A local model folder to serve instead of each point's model id (native engines).") var modelPath: String?
    @Option(help: "--kv-cache-dtype for every engine (e.g. fp8).") var kvCacheDtype: String?
    @Option(
        name: .customLong("engine-arg"),
        help: ArgumentHelp("Appended to native engines' command lines (repeatable; use --engine-arg=--flag).", valueName: "arg"))
    var engineArguments: [String] = []
    @Option(
        name: .customLong("sim-arg"),
        help: ArgumentHelp(
            "Appended to bench serve-sim's command line (repeatable), e.g. --sim-arg=--crash-after-requests --sim-arg=40.", valueName: "arg"))
    var simArguments: [String] = []
    @Option(
        help: "Environment variable holding the API key sent to external and native engines as a Bearer token (never stored; default BENCH_API_KEY).")
    var apiKeyEnv: String?
    @Option(help: "Scale the simulator's efficiencies (0.85: every GPU 15% slower), to inject a known regression.") var simEfficiency: Double?
    @Option(
        help: ArgumentHelp("Run only shard I of N (0-based): whole deployments, balanced by points (bench submit --slurm sets it).", valueName: "I/N")
    )
    var shard: String?
    @Option(help: "The run's uid (default: a new UUID). Shards of one sweep share it, so bench ingest merges them into one run.") var runUid: String?
    @Flag(help: "Print the result table as JSON.") var json = false
    @Option(
        help: "Write the dashboard of the whole database here when the sweep ends (default: dashboard-static, or beside --db when that is given).")
    var dashboard: String?
    @Flag(help: "Do not write the dashboard.") var noDashboard = false

    func validate() throws {
        if resume == nil && matrices.isEmpty { throw ValidationError("give --matrix FILE... (or --resume RUN)") }
        if resume != nil && !matrices.isEmpty { throw ValidationError("--resume takes the run's own plan; drop --matrix") }
        if keepEvents && !sweepOptions.virtual {
            throw ValidationError("--keep-events is for --virtual runs (real-time runs always store every event)")
        }
        _ = try APIKeyEnvironment.read(apiKeyEnv)
        if numPromptsPerConc < 1 { throw ValidationError("--num-prompts-per-conc must be at least 1, got \(numPromptsPerConc)") }
        if let simEfficiency, !(simEfficiency > 0 && simEfficiency <= 2) {
            throw ValidationError("--sim-efficiency must be in (0, 2], got \(simEfficiency)")
        }
        if let shard, SweepSettings.Shard(parsing: shard) == nil { throw ValidationError("--shard \(shard): write I/N with 0 ≤ I < N, e.g. 0/4") }
        if let runUid, runUid.isEmpty || runUid.count > 200 { throw ValidationError("--run-uid must be 1 to 200 characters") }
        if clientLoops < 1 { throw ValidationError("--client-loops must be at least 1, got \(clientLoops)") }
        if numWarmupsPerConc < 0 { throw ValidationError("--num-warmups-per-conc must not be negative") }
        if let maxFailures, maxFailures < 1 { throw ValidationError("--max-failures must be at least 1") }
        if !(0...1).contains(maxFailureRate) { throw ValidationError("--max-failure-rate must be between 0 and 1, got \(maxFailureRate)") }
        guard (0...1).contains(randomRangeRatio) else { throw ValidationError("--random-range-ratio must be between 0 and 1") }
        for (name, text) in [("--request-timeout", requestTimeout), ("--engine-ready-timeout", engineReadyTimeout)]
        where DurationText.seconds(text) == nil {
            throw ValidationError("\(name) \(text): use a duration such as 90s, 15m or 1h")
        }
    }

    func settings() -> SweepSettings {
        var settings = sweepOptions.settings(matrices: matrices)
        settings.keepEvents = keepEvents ? true : nil
        settings.hardware = hardware
        settings.promptsPerConcurrency = numPromptsPerConc
        settings.warmupsPerConcurrency = numWarmupsPerConc
        settings.randomRangeRatio = randomRangeRatio
        settings.seed = seed
        settings.vocabularySize = vocabSize
        settings.maxFailures = maxFailures
        settings.maxFailureRate = maxFailureRate
        settings.requestTimeoutSeconds = DurationText.seconds(requestTimeout) ?? 600
        settings.clientLoops = clientLoops == 1 ? nil : clientLoops
        settings.readinessSeconds = DurationText.seconds(engineReadyTimeout) ?? 900
        settings.python = python
        settings.modelPath = modelPath
        settings.kvCacheDType = kvCacheDtype
        settings.engineArguments = engineArguments
        settings.simArguments = simArguments
        settings.apiKeyVariable = apiKeyEnv
        settings.simEfficiency = simEfficiency
        settings.shard = shard.flatMap(SweepSettings.Shard.init(parsing:))
        return settings
    }

    func run() async throws {
        let catalog = try loadCatalog(sweepOptions.catalogOption.path)
        let environment = SweepEnvironment(
            harnessVersion: Bench.version, host: ProcessInfo.processInfo.hostName,
            benchExecutable: Self.executablePath, logsRoot: logs, gpuTool: GPUTool.find())
        if dryRun {
            let settings = settings()
            let plan = try makePlan(settings, catalog: catalog, environment: environment)
            Console.write(PlanText.render(plan, settings: settings, catalog: catalog))
            return
        }
        let store = try openStore(database.path)
        let sweep: Sweep
        var alreadyStored = 0
        do {
            if let resume {
                (sweep, alreadyStored) = try Sweep.resume(
                    runID: resume, store: store, catalog: catalog, environment: environment,
                    machineHardware: environment.gpuTool?.detectHardware(among: Array(catalog.hardware.keys)),
                    retryFailed: retryFailed)
            } else {
                let settings = settings()
                let plan = try makePlan(settings, catalog: catalog, environment: environment)
                sweep = try Sweep(plan: plan, settings: settings, catalog: catalog, store: store, environment: environment, uid: runUid)
            }
        } catch let error as SweepError {
            Console.error("bench run: \(error.description)")
            throw ExitCode.failure
        }
        try FileDescriptors.raiseLimit(toAtLeast: 4096)
        TerminationSignals.onFirst {
            Console.error("\nbench run: stopping: cutting the current point, tearing the engine down, marking run \(sweep.runID) interrupted")
            sweep.control.requestStop()
        }
        let terminal = isatty(STDERR_FILENO) == 1
        // The ETA comes from simulating the plan once: worth it only where someone watches.
        let estimate = terminal && !sweep.settings.virtual ? SweepEstimate(plan: sweep.plan, settings: sweep.settings, catalog: catalog) : nil
        let display = SweepDisplay(terminal: terminal, estimate: estimate)
        let outcome = await sweep.run(observer: display, alreadyStored: alreadyStored)
        display.finish()
        let rows = try storeCall { () throws(StoreError) in try store.points(run: outcome.runID) }
        Console.write(json ? ResultTable.json(rows) : ResultTable.text(rows))
        Console.error(SweepDisplay.closingLine(outcome, db: database.path))
        if !noDashboard {
            let site =
                dashboard
                ?? (database.path == DatabaseOption.defaultPath
                    ? "dashboard-static"
                    : URL(fileURLWithPath: database.path).deletingLastPathComponent().appendingPathComponent("dashboard-static").path)
            let summary = try DashboardCommand.write(store: store, catalog: catalog, out: site)
            Console.error("bench run: dashboard (\(counted(summary.views, "view")), \(counted(summary.points, "point"))): \(site)/index.html")
        }
        switch outcome.status {
        case .interrupted: throw ExitCode.interrupted
        case .finished where outcome.failed == 0: return
        default: throw ExitCode.partialFailure
        }
    }

    private func makePlan(_ settings: SweepSettings, catalog: Catalog, environment: SweepEnvironment) throws -> SweepPlan {
        var machine = settings.hardware
        if settings.engine == .native, machine == nil {
            machine = environment.gpuTool?.detectHardware(among: Array(catalog.hardware.keys))
        }
        do {
            return try SweepPlan(settings: settings, catalog: catalog, machineHardware: machine)
        } catch {
            Console.error("bench run: \(error.description)")
            throw ExitCode.failure
        }
    }

    /// This binary, which the sim recipe runs as `bench serve-sim`.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

extension SweepSettings.EngineChoice: ExpressibleByArgument {}

/// Opens the results database, or exits 1 with the store's message (which names the file and the fix).
/// Commands that only read it (`existing`) refuse a missing file instead of creating an empty one.
func openStore(_ path: String, existing: Bool = false) throws -> ResultStore {
    if existing && !FileManager.default.fileExists(atPath: path) {
        Console.error("bench: there is no results database at \(path); bench run creates it (pass --db to read another)")
        throw ExitCode.failure
    }
    do {
        return try ResultStore(path: path)
    } catch {
        Console.error("bench: \(error.description)")
        throw ExitCode.failure
    }
}

func storeCall<T>(_ body: () throws(StoreError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        Console.error("bench: \(error.description)")
        throw ExitCode.failure
    }
}
