import ArgumentParser
import Foundation
import Matrix
import Store

/// `bench runs list` and `bench runs show RUN`.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "List the runs in the results database, or show one run's points.",
        subcommands: [List.self, Show.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Runs, newest first: trigger (manual, nightly), status, engine, clock, points stored and failed.")
        @OptionGroup var database: DatabaseOption

        func run() throws {
            let store = try openStore(database.path, existing: true)
            let runs = try storeCall { () throws(StoreError) in try store.runs() }
            guard !runs.isEmpty else { return Console.line("no runs in \(database.path)") }
            let formatter = ISO8601DateFormatter()
            let header = ["run", "started", "trigger", "status", "engine", "clock", "points", "failed", "host"]
            Console.write(
                TextTable.render(
                    [header]
                        + runs.map { run in
                            [
                                String(run.id), formatter.string(from: run.startedAt), run.trigger, run.status.rawValue, run.engine ?? run.trigger,
                                run.clock ?? "-", String(run.points), String(run.failedPoints), run.host,
                            ]
                        }))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One run: how it was started and every point it stored, with errors and engine commands.")
        @Argument(help: "The run id (bench runs list).") var runID: Int64
        @OptionGroup var database: DatabaseOption
        @Flag(help: "Print the points as JSON.") var json = false

        func run() throws {
            let store = try openStore(database.path, existing: true)
            guard let detail = try storeCall({ () throws(StoreError) in try store.run(runID) }) else {
                Console.error("bench runs show: run \(runID) is not in \(database.path); bench runs list shows the runs there")
                throw ExitCode.failure
            }
            let rows = try storeCall { () throws(StoreError) in try store.points(run: runID) }
            if json { return Console.write(ResultTable.json(rows)) }
            let summary = detail.summary
            Console.line(
                "run \(summary.id) (\(detail.uid)): \(summary.status), \(summary.trigger), engine \(summary.engine ?? "-"), \(summary.clock ?? "-") clock"
            )
            Console.line(
                "started \(ISO8601DateFormatter().string(from: summary.startedAt)) on \(summary.host) by bench \(detail.harnessVersion)"
                    + (summary.finishedAt.map { ", ended \(ISO8601DateFormatter().string(from: $0))" } ?? ""))
            if let plan = detail.planJSON { Console.line("plan: \(plan)") }
            Console.write("\n" + ResultTable.text(rows))
            for command in Set(rows.compactMap(\.engineCommand)).sorted() { Console.line("engine: \(command)") }
            for row in rows where row.error != nil { Console.line("point \(row.id) error: \(row.error!)") }
        }
    }
}
