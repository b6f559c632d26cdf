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
                throw ExitCode(1)
            }
            let points = loaded.set.expand()
            let agentic = loaded.set.expandAgentic()
            let deployments = Set(points.map(\.deployment.id)).count
            Console.write("ok: \(counted(loaded.set.configs.count, "config")), \(counted(deployments, "deployment")), \(counted(points.count, "point"))"
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
        @Option(name: .customLong("filter"), help: ArgumentHelp("Keep points where KEY matches VALUE.", valueName: "key=value"))
        var filters: [String] = []
        @Option(help: ArgumentHelp("Keep only these ISL/OSL pairs, e.g. 1k1k,8k1k or 2048/128.", valueName: "list"))
        var seqLens: String?
        @Option(help: "Drop concurrencies below N.") var minConc: Int?
        @Option(help: "Drop concurrencies above N (a range entirely above N runs at N, as InferenceX does).") var maxConc: Int?
        @Option(name: .customLong("scenario"), help: ArgumentHelp("fixed-seq-len or agentic-coding (repeatable; default both, as InferenceX).", valueName: "type"))
        var scenarios: [ScenarioType] = []
        @Option(help: "table, json, csv, github-actions or slurm (an sbatch job-array script; bench submit --slurm submits it).") var format: Format = .table
        @Option(help: "With --format slurm: array tasks.") var shards = 4
        @Option(help: "With --format slurm: the partition.") var partition: String?
        @Option(help: "With --format slurm: where tasks write their shard databases and logs.") var slurmDir = "results/slurm"
        @OptionGroup var catalog: CatalogOption
        @OptionGroup var runnerConfig: RunnerConfigOption

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, json, csv, githubActions = "github-actions", slurm
        }

        func validate() throws {
            if let minConc, minConc <= 0 { throw ValidationError("--min-conc must be positive, got \(minConc)") }
            if let maxConc, maxConc <= 0 { throw ValidationError("--max-conc must be positive, got \(maxConc)") }
            if shards < 1 { throw ValidationError("--shards must be at least 1") }
        }

        func run() throws {
            let options = try expansionOptions()
            let loaded = try LoadedMatrix(files: files, catalogPath: catalog.path, runners: try runnerConfig.table(matrixFiles: files))
            Console.report(loaded.set.diagnostics + loaded.notes)
            guard loaded.set.errors.isEmpty else {
                Console.error("not expanded: fix the errors above (bench matrix validate lists them all)")
                throw ExitCode(1)
            }
            if format == .slurm { return Console.write(try slurmScript()) }
            let points = loaded.set.expand(options, catalog: loaded.catalog)
            let agentic = loaded.set.expandAgentic(options, catalog: loaded.catalog)
            Console.write(MatrixExport.render(points, agentic: agentic, format: MatrixFormat(rawValue: format.rawValue)!, hardware: loaded.catalog))
        }

        private func slurmScript() throws -> String {
            var job = SlurmJob(benchExecutable: RunCommand.executablePath,
                               runArguments: SharedSweepOptions.runArguments(matrices: files, filters: filters, seqLens: seqLens, minConc: minConc,
                                                                             maxConc: maxConc, catalog: catalog.path,
                                                                             runnerConfig: runnerConfig.path),
                               shards: shards, directory: URL(fileURLWithPath: slurmDir).standardizedFileURL.path)
            job.partition = partition
            let settings = SharedSweepOptions.settings(matrices: files, filters: filters, seqLens: seqLens, minConc: minConc, maxConc: maxConc,
                                                       runnerConfig: runnerConfig.path)
            return job.script(plan: try? SweepPlan(settings: settings, catalog: try loadCatalog(catalog.path), machineHardware: nil))
        }

        private func expansionOptions() throws -> ExpansionOptions {
            var parsedFilters: [PointFilter] = []
            for text in filters {
                do { parsedFilters.append(try PointFilter(parsing: text)) } catch { throw ValidationError(error.description) }
            }
            var wanted: Set<SeqLen>?
            if let seqLens {
                wanted = []
                for item in seqLens.split(separator: ",") {
                    guard let seqLen = SeqLen(parsing: String(item)) else {
                        throw ValidationError("--seq-lens: cannot read '\(item)'; use names like 1k1k, 1k8k, 8k1k or ISL/OSL like 2048/128")
                    }
                    wanted?.insert(seqLen)
                }
            }
            return ExpansionOptions(seqLens: wanted, minConc: minConc, maxConc: maxConc, filters: parsedFilters,
                                    scenarios: scenarios.isEmpty ? Set(ScenarioType.allCases) : Set(scenarios))
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
