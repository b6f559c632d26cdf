import ArgumentParser
import Matrix

/// `--filter`, `--seq-lens`, `--min-conc`, `--max-conc`: which points of the matrices a command
/// takes (`bench run`, `submit`, `matrix expand`); Matrix's `ExpansionOptions` reads them.
struct SweepSelectionOptions: ParsableArguments {
    @Option(
        name: .customLong("filter"),
        help: ArgumentHelp(
            "Keep points where KEY matches VALUE (repeatable; VALUE may list alternatives with commas and use * wildcards).", valueName: "key=value"))
    var filters: [String] = []
    @Option(help: ArgumentHelp("Keep only these ISL/OSL pairs, e.g. 1k1k,8k1k or 2048/128.", valueName: "list"))
    var seqLens: String?
    @Option(help: "Drop concurrencies below N.") var minConc: Int?
    @Option(help: "Drop concurrencies above N (a range entirely above N runs at N, as InferenceX does).") var maxConc: Int?

    func validate() throws {
        if let minConc, minConc <= 0 { throw ValidationError("--min-conc must be positive, got \(minConc)") }
        if let maxConc, maxConc <= 0 { throw ValidationError("--max-conc must be positive, got \(maxConc)") }
    }
}
