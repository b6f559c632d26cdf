import ArgumentParser
import Catalog
import Foundation
import Matrix
import Orchestrator

struct MatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Validate and expand sweep matrices (InferenceX master-config format).",
        subcommands: [Validate.self, Expand.self]
    )

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check matrix files; list every error and warning, exit 1 if any error.")

        @Argument(help: "Matrix files.") var files: [String]
        @OptionGroup var catalog: CatalogOption
        @OptionGroup var runnerConfig: RunnerConfigOption

        func run() throws {
            let loaded = try LoadedMatrix(files: files, catalogPath: catalog.path, runners: try runnerConfig.table(matrixFiles: files))
            Console.report(loaded.set.diagnostics + loaded.notes)
            let errors = loaded.set.errors.count
            if errors > 0 {
                Console.error("\(errors) error\(errors == 1 ? "" : "s") in \(files.joined(separator: ", "))")
                throw ExitCode.failure
            }
            let points = loaded.set.expand()
            let agentic = loaded.set.expandAgentic()
            let deployments = Set(points.map(\.deployment.id)).count
            Console.write(
                "ok: \(counted(loaded.set.configs.count, "config")), \(counted(deployments, "deployment")), \(counted(points.count, "point"))"
                    + (agentic.isEmpty ? "" : ", \(counted(agentic.count, "agentic-coding point"))") + "\n")
        }
    }

    struct Expand: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Expand matrices into benchmark points.",
            discussion: """
                Filters: --filter KEY=VALUE (repeatable; VALUE may list alternatives with commas and use * wildcards).
                Keys: \(PointFilter.keys.joined(separator: ", ")).
                """)

        @Argument(help: "Matrix files.") var files: [String]
        @OptionGroup var selection: SweepSelectionOptions
        @Option(
            name: .customLong("scenario"),
            help: ArgumentHelp("fixed-seq-len or agentic-coding (repeatable; default both, as InferenceX).", valueName: "type"))
        var scenarios: [ScenarioType] = []
        @Option(help: "table, json, csv, github-actions or slurm (an sbatch job-array script; bench submit --slurm submits it).") var format: Format =
            .table
        @Option(help: "With --format slurm: array tasks.") var shards = 4
        @Option(help: "With --format slurm: the partition.") var partition: String?
        @Option(help: "With --format slurm: where tasks write their shard databases and logs.") var slurmDir = "results/slurm"
        @OptionGroup var catalog: CatalogOption
        @OptionGroup var runnerConfig: RunnerConfigOption

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, json, csv, githubActions = "github-actions", slurm
        }

        func validate() throws {
            if shards < 1 { throw ValidationError("--shards must be at least 1") }
        }

        func run() throws {
            let options = try expansionOptions()
            let loaded = try LoadedMatrix(files: files, catalogPath: catalog.path, runners: try runnerConfig.table(matrixFiles: files))
            Console.report(loaded.set.diagnostics + loaded.notes)
            guard loaded.set.errors.isEmpty else {
                Console.error("not expanded: fix the errors above (bench matrix validate lists them all)")
                throw ExitCode.failure
            }
            if format == .slurm { return Console.write(try slurmScript()) }
            let points = loaded.set.expand(options, catalog: loaded.catalog)
            let agentic = loaded.set.expandAgentic(options, catalog: loaded.catalog)
            Console.write(MatrixExport.render(points, agentic: agentic, format: MatrixFormat(rawValue: format.rawValue)!, hardware: loaded.catalog))
        }

        private func slurmScript() throws -> String {
            let settings = SweepSettings(
                matrices: files, filters: selection.filters, seqLens: selection.seqLens, minConc: selection.minConc,
                maxConc: selection.maxConc, catalog: catalog.path, runnerConfig: runnerConfig.path)
            var job = SlurmJob(
                benchExecutable: RunCommand.executablePath, runArguments: SweepOptions.runArguments(settings),
                shards: shards, directory: URL(fileURLWithPath: slurmDir).standardizedFileURL.path)
            job.partition = partition
            return job.script(plan: try? SweepPlan(settings: settings, catalog: try loadCatalog(catalog.path), machineHardware: nil))
        }

        private func expansionOptions() throws -> ExpansionOptions {
            do {
                return try ExpansionOptions(
                    filters: selection.filters, seqLens: selection.seqLens, minConc: selection.minConc, maxConc: selection.maxConc,
                    scenarios: scenarios.isEmpty ? Set(ScenarioType.allCases) : Set(scenarios))
            } catch {
                throw ValidationError(error.description)
            }
        }
    }
}

/// Matrix files loaded with the catalog and runner table, plus the warnings that need the catalog.
struct LoadedMatrix {
    let set: MatrixSet
    let catalog: Catalog
    /// Catalog gaps for the simulated engine: warnings, not errors.
    let notes: [Diagnostic]

    init(files: [String], catalogPath: String?, runners: RunnerTable) throws {
        catalog = try loadCatalog(catalogPath)
        set = MatrixSet.load(paths: files, runners: runners, hardware: catalog)
        notes = set.simulatorGaps(catalog: catalog)
    }
}

extension ScenarioType: ExpressibleByArgument {}

/// `1 config`, `2 configs`.
func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
    "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
}
