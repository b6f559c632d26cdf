import Catalog
import Dashboard
import Engines
import Foundation
import Store

/// `bench nightly`: under a lock, one run marked nightly (with repeats), the regression scan, the
/// dashboard, a Markdown and JSON summary, and publishing only when all of that succeeded.
/// Exit status: 0 clean, 1 regressions on this run, 2 failures (failed or missing points, a step
/// that did not complete, a lock held by a live nightly).
public final class NightlyJob: Sendable {
    public let config: NightlyConfig
    let catalog: Catalog
    let environment: SweepEnvironment
    /// Stops the sweep (Ctrl-C / SIGTERM); nothing is published after a stop.
    public let control = SweepControl()

    public init(config: NightlyConfig, catalog: Catalog, environment: SweepEnvironment) {
        self.config = config
        self.catalog = catalog
        self.environment = environment
    }

    /// `log` gets one line per step (the CLI sends them to stderr).
    public func run(observer: any SweepObserver, log: @Sendable (String) -> Void) async -> NightlySummary {
        var summary = NightlySummary(
            started: ISO8601DateFormatter().string(from: Date()), engine: config.sweep.engine.rawValue, clock: config.sweep.clock,
            repeats: config.sweep.repeats, site: config.site)
        let lock: NightlyLock
        do {
            lock = try NightlyLock(path: config.lock)
        } catch {
            // Another nightly is running: say so and leave its files (summaries included) alone.
            log("bench nightly: \(error.description)")
            summary.problems.append(error.description)
            summary.exitStatus = .partialFailure
            return summary
        }
        defer { lock.release() }
        if let previous = lock.recoveredFrom { note(&summary, "recovered a stale lock (\(previous) died holding it)", log) }

        await runSteps(&summary, observer: observer, log: log)
        summary.settle()
        do {
            try write(summary)
        } catch {
            summary.problems.append("cannot write the summary to \(config.summaries): \(error.localizedDescription)")
            summary.exitStatus = .partialFailure
            log("bench nightly: \(summary.problems.last!)")
        }
        return summary
    }

    private func runSteps(_ summary: inout NightlySummary, observer: any SweepObserver, log: @Sendable (String) -> Void) async {
        let store: ResultStore
        let plan: SweepPlan
        let sweep: Sweep
        do {
            store = try ResultStore(path: config.database)
            closeKilledNights(store, summary: &summary, log: log)
            plan = try SweepPlan(
                settings: config.sweep, catalog: catalog,
                machineHardware: config.sweep.engine == .native
                    ? config.sweep.hardware ?? environment.gpuTool?.detectHardware(among: Array(catalog.hardware.keys)) : nil)
            sweep = try Sweep(
                plan: plan, settings: config.sweep, catalog: catalog, store: store, environment: environment,
                trigger: "nightly", control: control)
        } catch let error as StoreError {
            return fail(&summary, error.description, log)
        } catch let error as SweepError {
            return fail(&summary, error.description, log)
        } catch {
            return fail(&summary, "\(error)", log)
        }
        summary.run = sweep.runID
        summary.coverage.matrixPoints = (plan.pointCount / max(1, config.sweep.repeats)) + plan.skippedCount
        summary.coverage.skipped = plan.skippedCount
        summary.coverage.planned = plan.pointCount
        for skipped in plan.skipped { summary.skippedReasons[skipped.reason, default: 0] += 1 }
        if !plan.skippedAgentic.isEmpty { summary.skippedReasons[SweepPlan.agenticSkipReason, default: 0] += plan.skippedAgentic.count }

        let outcome = await sweep.run(observer: observer)
        summary.sweepStatus = outcome.status.rawValue
        if let points = try? store.points(run: sweep.runID) {
            summary.coverage.stored = points.count
            summary.coverage.ok = points.filter { $0.status == .ok }.count
            summary.coverage.failed = points.count - summary.coverage.ok
            summary.failures = points.filter { $0.status != .ok }.map {
                .init(
                    config: $0.deployment.config, isl: $0.isl, osl: $0.osl, conc: $0.concurrency, repeatIndex: $0.repeatIndex,
                    error: $0.error ?? "failed")
            }
        }
        if outcome.status != .finished { summary.problems.append("the sweep was \(outcome.status) (\(outcome.remaining) points not run)") }
        if summary.coverage.failed > 0 { summary.problems.append("\(summary.coverage.failed) of \(summary.coverage.stored) points failed") }

        do {
            let report = try RegressionRefresh.run(store: store, catalog: catalog, settings: config.regression)
            summary.regressions = report.findings(run: sweep.runID, verdict: "regression")
            summary.improvements = report.findings(run: sweep.runID, verdict: "improvement")
            summary.suspects = report.findings(run: sweep.runID, verdict: "suspect")
            summary.judgedMeasures = report.judged[sweep.runID] ?? 0
            log(
                "bench nightly: run \(sweep.runID): \(summary.judgedMeasures) measures judged, \(summary.regressions.count) regressions, "
                    + "\(summary.improvements.count) improvements, \(summary.suspects.count) suspect")
        } catch {
            fail(&summary, "regression scan: \(error.description)", log)
        }
        do {
            let written = try SimResidualSite.write(store: store, catalog: catalog, to: config.site)
            log("bench nightly: dashboard (\(written.views) views, \(written.points) points): \(config.site)/index.html")
        } catch {
            fail(&summary, "dashboard: \(error.description)", log)
        }
        publish(&summary, log: log)
    }

    /// Publishes only when nothing before failed, and the summary is written first so the
    /// command can ship it; each target's outcome is recorded in the summary.
    private func publish(_ summary: inout NightlySummary, log: @Sendable (String) -> Void) {
        var targets: [String] = []
        if let directory = config.publishDirectory { targets.append(directory) }
        if let command = config.publishCommand { targets.append(command) }
        guard !targets.isEmpty else { return }
        guard summary.problems.isEmpty, !control.stopRequested else {
            for target in targets { summary.published[target] = "skipped: the night had failures (nothing was published)" }
            log("bench nightly: not publishing: \(summary.problems.first ?? "stopped")")
            return
        }
        // The summary the publish command may ship already says how the night ended.
        summary.settle()
        do {
            try write(summary)
        } catch {
            for target in targets { summary.published[target] = "skipped: the summary could not be written" }
            return fail(&summary, "cannot write the summary to \(config.summaries): \(error.localizedDescription)", log)
        }
        if let directory = config.publishDirectory {
            switch SitePublisher.publish(site: config.site, to: directory) {
            case .success: summary.published[directory] = "ok"; log("bench nightly: published to \(directory)")
            case .failure(let error): summary.published[directory] = "failed: \(error)"; fail(&summary, "publish: \(error)", log)
            }
        }
        if let command = config.publishCommand {
            guard summary.problems.isEmpty else { summary.published[command] = "skipped: publishing to the directory failed"; return }
            let environment = [
                "BENCH_SITE": config.site, "BENCH_RUN": summary.run.map(String.init) ?? "", "BENCH_SUMMARY": summaryPath("latest", "md"),
            ]
            switch SitePublisher.run(command: command, environment: environment) {
            case .success: summary.published[command] = "ok"; log("bench nightly: ran the publish command")
            case .failure(let error): summary.published[command] = "failed: \(error)"; fail(&summary, "publish: \(error)", log)
            }
        }
    }

    /// A nightly killed mid-sweep (kill -9, a reboot) left its run `running` and maybe its engine
    /// up. Under the lock no other nightly runs: such runs are marked `killed` (their points
    /// stay; the regression scan judges finished runs only) and their engines' process groups are killed.
    private func closeKilledNights(_ store: ResultStore, summary: inout NightlySummary, log: @Sendable (String) -> Void) {
        guard let runs = try? store.runs() else { return }
        for run in runs where run.trigger == "nightly" && run.status == .running {
            let pid = (try? store.run(run.id))??.pid
            if let pid, pid != getpid(), kill(pid, 0) == 0 { continue }
            let engine = EngineLeftovers.kill(in: "\(environment.logsRoot)/\(run.id)")
            try? store.finishRun(run.id, status: .killed)
            note(
                &summary,
                "run \(run.id) was left running by a killed nightly: marked killed"
                    + (engine.map { ", its engine's process group \($0) killed" } ?? ""), log)
        }
    }

    private func note(_ summary: inout NightlySummary, _ text: String, _ log: @Sendable (String) -> Void) {
        summary.notes.append(text)
        log("bench nightly: \(text)")
    }

    private func fail(_ summary: inout NightlySummary, _ problem: String, _ log: @Sendable (String) -> Void) {
        summary.problems.append(problem)
        log("bench nightly: \(problem)")
    }

    func summaryPath(_ name: String, _ ext: String) -> String { "\(config.summaries)/\(name).\(ext)" }

    /// `nightly-<run>.md/.json` and `latest.md/.json`, each written to a temporary file and renamed.
    private func write(_ summary: NightlySummary) throws {
        try FileManager.default.createDirectory(atPath: config.summaries, withIntermediateDirectories: true)
        let names = (summary.run.map { ["nightly-\($0)"] } ?? []) + ["latest"]
        for name in names {
            for (ext, text) in [("md", summary.markdown()), ("json", summary.json())] {
                let url = URL(fileURLWithPath: summaryPath(name, ext))
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
        }
    }
}
