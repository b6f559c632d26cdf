import ArgumentParser
import Store

/// `bench annotate RUN "text"`: records an intended change.
struct AnnotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Record an intended change against a run (shown on the dashboard; regression baselines restart at that run).",
        discussion: "Takes effect at the next bench regressions or bench nightly, which judge the history again.")

    @Argument(help: "The run id (bench runs list).") var runID: Int64
    @Argument(help: "What changed, e.g. \"engine upgraded to sglang 0.5.3\".") var text: String
    @OptionGroup var database: DatabaseOption

    func validate() throws {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("give the annotation text, e.g. \"new driver 575\"") }
    }

    func run() throws {
        let store = try openStore(database.path, existing: true)
        let id = try storeCall { () throws(StoreError) in try store.annotate(run: runID, text: text) }
        Console.error("bench annotate: annotation \(id) on run \(runID); baselines restart there at the next bench regressions or nightly")
    }
}
