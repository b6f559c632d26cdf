import ArgumentParser
import Catalog
import Engines
import Foundation
import LoadGen
import Orchestrator

/// `bench nightly --config FILE`: the unattended job (docs/nightly.md).
struct NightlyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nightly",
        abstract: "Run the nightly sweep under a lock, judge regressions, write the dashboard and summaries, publish.",
        discussion: """
            One nightly at a time (a lock file; a dead holder's lock is recovered). The run is marked nightly and runs \
            every point 'repeats' times; the regression gate judges every series' frontier against the nightly history; \
            the dashboard is regenerated; summaries go to <summaries>/nightly-<run>.md/.json and latest.md/.json; the site \
            is published (publish-dir: copied and renamed into place; publish-cmd: run with $BENCH_SITE, $BENCH_RUN, \
            $BENCH_SUMMARY) only when everything before succeeded. Exit status: 0 clean, 1 regressions found, 2 failures.
            """)

    @Option(help: "The nightly config (example: contrib/nightly.yaml).") var config: String
    @Option(help: "Publish the site to this folder (overrides the config's publish-dir).") var publishDir: String?
    @Option(help: "Publish with this shell command (overrides the config's publish-cmd).") var publishCmd: String?
    @Flag(help: "Print the summary as JSON (default: Markdown).") var json = false

    func run() async throws {
        var loaded: NightlyConfig
        do {
            loaded = try NightlyConfig.load(path: config)
        } catch {
            Console.report(error.diagnostics)
            Console.error("bench nightly: fix \(config) (example: contrib/nightly.yaml)")
            throw ExitCode.partialFailure
        }
        if let publishDir { loaded.publishDirectory = URL(fileURLWithPath: publishDir).standardizedFileURL.path }
        if let publishCmd { loaded.publishCommand = publishCmd }
        let catalog = try loadCatalog(loaded.sweep.catalogPath)
        let environment = SweepEnvironment(
            harnessVersion: Bench.version, host: ProcessInfo.processInfo.hostName,
            benchExecutable: RunCommand.executablePath, logsRoot: loaded.logs, gpuTool: GPUTool.find())
        try FileDescriptors.raiseLimit(toAtLeast: 4096)
        let job = NightlyJob(config: loaded, catalog: catalog, environment: environment)
        TerminationSignals.onFirst {
            Console.error("\nbench nightly: stopping: the run is marked interrupted and nothing is published")
            job.control.requestStop()
        }
        let display = SweepDisplay(terminal: isatty(STDERR_FILENO) == 1, estimate: nil)
        let summary = await job.run(observer: display, log: { Console.error($0) })
        display.finish()
        Console.write(json ? summary.json() : summary.markdown())
        if summary.exitStatus != .success { throw ExitCode(summary.exitStatus) }
    }
}
