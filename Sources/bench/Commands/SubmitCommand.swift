import ArgumentParser
import Catalog
import Engines
import Foundation
import Orchestrator
import Store

/// `bench submit --slurm`: a sweep as a Slurm job array, merged back with bench ingest.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Spread a sweep over a Slurm cluster: an sbatch job array, one shard of deployments per task, merged back into --db.",
        discussion: """
            Task i runs `bench run --shard i/N` into DIR/shard-i.sqlite (whole deployments per task, balanced by points; \
            all tasks share one run uid). With --wait, bench polls squeue until the array is done, then merges every shard into \
            --db (bench ingest, idempotent: run it again at any time). Without --wait it prints the job id and the ingest command. \
            Exit status: 0 submitted (and, with --wait, every shard ok and merged), 2 a shard failed or is missing.
            """)

    @Flag(help: "Submit to Slurm with sbatch (the only scheduler bench drives).") var slurm = false
    @Option(name: .customLong("matrix"), parsing: .upToNextOption, help: ArgumentHelp("Matrix files.", valueName: "file")) var matrices: [String] = []
    @Option(help: "Array tasks (shards).") var shards = 4
    @Option(help: "Slurm partition (default: the cluster's default).") var partition: String?
    @Option(help: "sbatch --time for each task, e.g. 4:00:00.") var time: String?
    @Option(
        name: .customLong("sbatch-arg"), help: ArgumentHelp("More #SBATCH options (repeatable), e.g. --sbatch-arg=--gres=gpu:8.", valueName: "arg"))
    var sbatchArguments: [String] = []
    @Option(help: "Where the script, shard databases, statuses and logs go (default: results/slurm/<time>).") var dir: String?
    @OptionGroup var database: DatabaseOption
    @Flag(help: "Wait for the array to finish, then merge the shards into --db.") var wait = false
    @Option(help: "Give up waiting after this long, e.g. 6h.") var waitTimeout = "24h"
    @Flag(help: "Print the sbatch script and exit.") var dryRun = false
    @OptionGroup var sweep: SweepOptions
    @Option(
        name: .customLong("run-arg"),
        help: ArgumentHelp(
            "More bench run arguments for every task (repeatable), e.g. --run-arg=--num-prompts-per-conc --run-arg=5.", valueName: "arg"))
    var runArgumentsExtra: [String] = []

    func validate() throws {
        guard slurm else { throw ValidationError("give --slurm (bench submits to Slurm only)") }
        guard !matrices.isEmpty else { throw ValidationError("give --matrix FILE...") }
        guard shards >= 1 else { throw ValidationError("--shards must be at least 1") }
        guard DurationText.seconds(waitTimeout) != nil else {
            throw ValidationError("--wait-timeout \(waitTimeout): use a duration such as 90m or 6h")
        }
        if let dir, dir.contains(where: \.isWhitespace) {
            throw ValidationError("--dir must not contain spaces (#SBATCH --output cannot quote them)")
        }
    }

    func run() throws {
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let directory = URL(fileURLWithPath: dir ?? "results/slurm/\(stamp)").standardizedFileURL.path
        let settings = sweep.settings(matrices: matrices)
        var job = SlurmJob(
            benchExecutable: RunCommand.executablePath, runArguments: SweepOptions.runArguments(settings) + runArgumentsExtra,
            shards: shards, directory: directory)
        job.partition = partition
        job.timeLimit = time
        job.sbatchArguments = sbatchArguments
        let script = job.script(plan: try plan(settings))
        if dryRun { return Console.write(script) }
        guard let sbatch = CommandOutput.which("sbatch") else {
            Console.error(
                "bench submit: sbatch is not on PATH; run this on a Slurm login node (or bench matrix expand --format slurm for the script)")
            throw ExitCode.failure
        }
        try FileManager.default.createDirectory(atPath: directory + "/logs", withIntermediateDirectories: true)
        let scriptPath = directory + "/sweep.sbatch"
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let submitted = CommandOutput.result(sbatch, ["--parsable", scriptPath], timeout: 60)
        guard submitted.status == 0,
            let jobID = submitted.output.split(separator: ";").first.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }),
            !jobID.isEmpty
        else {
            Console.error("bench submit: sbatch refused \(scriptPath): \(submitted.output.trimmingCharacters(in: .whitespacesAndNewlines))")
            throw ExitCode.failure
        }
        Console.error("bench submit: job array \(jobID) (\(shards) tasks), script \(scriptPath)")
        let ingest = "bench ingest \(directory)/shard-*.sqlite --db \(database.path)"
        guard wait else {
            Console.line(jobID)
            return Console.error("bench submit: when it is done: \(ingest)")
        }
        try waitForArray(jobID, timeout: DurationText.seconds(waitTimeout) ?? 86_400)
        try merge(job, ingest: ingest)
    }

    /// Polls squeue (sbatch --wait polls only every ~10 s) until the array has left the queue.
    private func waitForArray(_ jobID: String, timeout: Double) throws {
        let squeue = CommandOutput.which("squeue") ?? "squeue"
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let queued = CommandOutput.result(squeue, ["-h", "-j", jobID, "-o", "%i %T"], timeout: 30)
            if queued.status == 0 && queued.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return }
            usleep(500_000)
        }
        Console.error("bench submit: job \(jobID) still queued or running after \(waitTimeout); merge later with bench ingest")
        throw ExitCode.partialFailure
    }

    private func merge(_ job: SlurmJob, ingest: String) throws {
        let store = try openStore(database.path)
        var total = IngestCount(), problems: [String] = []
        for shard in 0..<job.shards {
            let status = (try? String(contentsOfFile: job.statusPath(shard: shard), encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            if status != "0" {
                problems.append(
                    "task \(shard) " + (status.map { "exited \($0)" } ?? "left no status (killed, or never started)")
                        + "; its log: \(job.directory)/logs/shard-\(shard).out")
            }
            guard FileManager.default.fileExists(atPath: job.databasePath(shard: shard)) else { continue }
            let count = try storeCall { () throws(StoreError) in try store.merge(databaseAt: job.databasePath(shard: shard)) }
            total.runs += count.runs
            total.points += count.points
            total.skipped += count.skipped
        }
        Console.error(
            "bench submit: merged into \(database.path): \(counted(total.runs, "new run")), \(counted(total.points, "point")) (\(total.skipped) already there)"
        )
        guard problems.isEmpty else {
            problems.forEach { Console.error("bench submit: \($0)") }
            Console.error("bench submit: what the finished tasks stored is merged; rerun the failed shards, then: \(ingest)")
            throw ExitCode.partialFailure
        }
    }

    /// The whole sweep's plan, for the script's per-task comments (and to catch matrix errors before submitting).
    private func plan(_ settings: SweepSettings) throws -> SweepPlan {
        do {
            return try SweepPlan(settings: settings, catalog: try loadCatalog(sweep.catalogOption.path), machineHardware: nil)
        } catch let error as SweepError {
            Console.error("bench submit: \(error.description)")
            throw ExitCode.failure
        }
    }
}
