import Engines
import Foundation

/// A sweep as a Slurm job array (`bench submit --slurm`, `bench matrix expand --format slurm`):
/// task i runs `bench run --shard i/N` into its own database under `directory`, all tasks with
/// one run uid so `bench ingest` merges the shards into one run; each task leaves its exit
/// status in `shard-<i>.rc`.
public struct SlurmJob: Sendable {
    public var benchExecutable: String
    /// `bench run` arguments shared by every task (matrices, engine, filters, …).
    public var runArguments: [String]
    public var shards: Int
    public var directory: String
    public var partition: String?
    /// sbatch --time, e.g. 4:00:00.
    public var timeLimit: String?
    /// More `#SBATCH` options, e.g. --gres=gpu:8.
    public var sbatchArguments: [String] = []
    public var jobName = "bench"

    public init(benchExecutable: String, runArguments: [String], shards: Int, directory: String) {
        self.benchExecutable = benchExecutable
        self.runArguments = runArguments
        self.shards = shards
        self.directory = directory
    }

    public func databasePath(shard: Int) -> String { "\(directory)/shard-\(shard).sqlite" }
    public func statusPath(shard: Int) -> String { "\(directory)/shard-\(shard).rc" }

    /// The sbatch script; `plan` lists which deployments each task runs, as comments.
    /// Every word that comes from a user, a matrix or a path goes through `EngineCommand.quoted`
    /// in commands and through `oneLine` in comments and `#SBATCH` lines, so no value can end a
    /// line and start a command of its own.
    public func script(plan: SweepPlan? = nil) -> String {
        let line = Self.oneLine
        var lines = [
            "#!/bin/bash", "# bench sweep as a Slurm job array: task i runs shard i of \(shards) (docs/nightly.md).",
            "# Before sbatch: mkdir -p \(line(directory))/logs (Slurm opens the --output files before the script runs).",
            "#SBATCH --job-name=\(line(jobName))", "#SBATCH --array=0-\(shards - 1)", "#SBATCH --output=\(line(directory))/logs/shard-%a.out",
        ]
        if let partition { lines.append("#SBATCH --partition=\(line(partition))") }
        if let timeLimit { lines.append("#SBATCH --time=\(line(timeLimit))") }
        lines += sbatchArguments.map { "#SBATCH \(line($0))" }
        if let plan { lines += Self.assignmentComments(plan, shards: shards) }
        let quote = EngineCommand.quoted
        let run = ([benchExecutable, "run"] + runArguments).map(quote).joined(separator: " ")
        lines += [
            "set -u", "shard=\"${SLURM_ARRAY_TASK_ID:?run this script with sbatch (it is a job array)}\"",
            "mkdir -p \(quote(directory))/logs",
            "\(run) --shard \"$shard/\(shards)\" --run-uid \"slurm-${SLURM_ARRAY_JOB_ID:-local}\" \\",
            "  --db \(quote(directory))/shard-\"$shard\".sqlite --logs \(quote(directory))/logs --no-dashboard",
            "status=$?", "echo \"$status\" > \(quote(directory))/shard-\"$shard\".rc", "exit \"$status\"", "",
        ]
        return lines.joined(separator: "\n")
    }

    static func assignmentComments(_ plan: SweepPlan, shards: Int) -> [String] {
        let owner = ShardAssignment.assign(plan.groups.map { ($0.deployment.id, $0.points.count) }, shards: shards)
        return (0..<shards).map { shard in
            let groups = plan.groups.filter { owner[$0.deployment.id] == shard }
            let text = groups.map { "\($0.deployment.configKey) \($0.deployment.workloadLabel) (\($0.points.count))" }.joined(
                separator: ", ")
            return "# task \(shard): \(groups.reduce(0) { $0 + $1.points.count }) points: \(oneLine(text.isEmpty ? "none" : text))"
        }
    }

    /// Text for a comment or directive line: control characters (newlines above all) become spaces.
    static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : Character($0) })
    }
}
