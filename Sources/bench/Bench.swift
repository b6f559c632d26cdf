import ArgumentParser

@main
struct Bench: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Continuous benchmarking for LLM inference: sweep matrices, engines, Pareto frontiers, dashboards.",
        version: version,
        subcommands: [RunCommand.self, NightlyCommand.self, RegressionsCommand.self, AnnotateCommand.self, RunsCommand.self, ExportCommand.self, IngestCommand.self, ParetoCommand.self, CompareCommand.self, DashboardCommand.self, SubmitCommand.self, MatrixCommand.self, CatalogCommand.self, ServeSimCommand.self, SimulateCommand.self, LoadCommand.self,
                      PerfCommand.self]
    )
}

/// `--catalog FILE`, shared by every command that reads hardware or model figures.
struct CatalogOption: ParsableArguments {
    @Option(name: .customLong("catalog"), help: ArgumentHelp("A YAML file that adds catalog entries or overrides fields.", valueName: "file"))
    var path: String?
}
