import ArgumentParser
import Matrix

@main
struct Bench: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Continuous benchmarking for LLM inference: sweep matrices, engines, Pareto frontiers, dashboards.",
        version: version,
        subcommands: [
            RunCommand.self, NightlyCommand.self, RegressionsCommand.self, AnnotateCommand.self, RunsCommand.self, ExportCommand.self,
            IngestCommand.self, ParetoCommand.self, CompareCommand.self, DashboardCommand.self, SubmitCommand.self, MatrixCommand.self,
            CatalogCommand.self, ServeSimCommand.self, SimulateCommand.self, LoadCommand.self, TracesCommand.self,
            PerfCommand.self,
        ]
    )
}

/// `--runner-config FILE`: InferenceX's runners.yaml (runner labels and host facts) for every command that expands.
struct RunnerConfigOption: ParsableArguments {
    @Option(
        name: .customLong("runner-config"),
        help: ArgumentHelp("InferenceX's runners.yaml (default: one beside the first matrix file, else bench's built-in table).", valueName: "file"))
    var path: String?

    /// The table for these matrix files, or an error listing the file's problems.
    func table(matrixFiles: [String]) throws -> RunnerTable {
        guard let file = RunnerTable.path(explicit: path, matrixFiles: matrixFiles) else { return .builtIn }
        do {
            return try RunnerTable.load(path: file)
        } catch {
            Console.report(error.diagnostics)
            throw ExitCode.failure
        }
    }
}

/// `--db`, the results database every command that reads or writes results takes.
struct DatabaseOption: ParsableArguments {
    static let defaultPath = "results/bench.sqlite"
    @Option(name: .customLong("db"), help: "Results database.") var path = DatabaseOption.defaultPath
}

/// `--catalog FILE`, shared by every command that reads hardware or model figures.
struct CatalogOption: ParsableArguments {
    @Option(name: .customLong("catalog"), help: ArgumentHelp("A YAML file that adds catalog entries or overrides fields.", valueName: "file"))
    var path: String?
}
