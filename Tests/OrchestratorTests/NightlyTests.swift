import BenchTesting
import Catalog
import Engines
import Foundation
import Store
import Testing

@testable import Orchestrator

@Suite struct NightlyTests {
    static let matrix = FixtureConfig.matrix(
        [
            FixtureConfig(key: "n-h200", runner: "h200", framework: "sglang", entries: ["{ tp: 8, conc-list: [1, 4, 16, 64] }"])
        ], isl: 256, osl: 64)

    /// Writes the matrix and a nightly config on the virtual clock into `folder`; `extra` lines are appended.
    @discardableResult
    static func prepare(_ folder: URL, _ extra: String = "") throws -> URL {
        try matrix.write(to: folder.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
        try config(extra).write(to: folder.appendingPathComponent("nightly.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    static func config(_ extra: String) -> String {
        """
        matrices: [m.yaml]
        virtual: true
        repeats: 1
        num-prompts-per-conc: 4
        db: results/nightly.sqlite
        site: site
        summaries: summaries
        publish-dir: public

        """ + extra
    }

    static func night(
        _ folder: URL, efficiency: Double? = nil, configure: (inout NightlyConfig) throws -> Void = { _ in }
    ) async throws -> NightlySummary {
        var config = try NightlyConfig.load(path: folder.appendingPathComponent("nightly.yaml").path)
        config.sweep.simEfficiency = efficiency
        try configure(&config)
        let job = NightlyJob(config: config, catalog: try Catalog.load(), environment: SweepTests.environment)
        return await job.run(observer: RecordingObserver(), log: { _ in })
    }

    @Test func anInjectedFifteenPercentDropIsCaughtAtTheRightRunAndPublished() async throws {
        try await withTemporaryDirectory("nightly") { folder in
            try Self.prepare(folder)
            for _ in 1...4 { #expect(try await Self.night(folder).exitStatus == .success) }
            let first = try await Self.night(folder, efficiency: 0.85)
            #expect(first.exitStatus == .success, "one slow night is only suspect")
            #expect(!first.suspects.isEmpty && first.regressions.isEmpty)
            let second = try await Self.night(folder, efficiency: 0.85)
            #expect(second.exitStatus == .failure)
            #expect(second.run == 6 && !second.regressions.isEmpty)
            #expect(second.regressions.allSatisfy { $0.shiftRunID == 5 && $0.relativeChange < -0.05 }, "\(second.regressions)")
            // At a fixed interactivity the 15% slower GPU delivers more than 15% less (it is also slower per user).
            #expect(second.regressions.contains { $0.level != nil && $0.relativeChange < -0.15 }, "\(second.regressions)")
            #expect(second.coverage.planned == 4 && second.coverage.ok == 4 && second.coverage.missing == 0)
            // Regressions are not failures: the site is published and the summaries name them.
            #expect(second.published.values.allSatisfy { $0 == "ok" })
            let markdown = try String(contentsOf: folder.appendingPathComponent("summaries/nightly-6.md"), encoding: .utf8)
            #expect(markdown.contains("## Regressions") && markdown.contains("exit 1"))
            let json = try JSONDecoder().decode(NightlySummary.self, from: Data(contentsOf: folder.appendingPathComponent("summaries/latest.json")))
            #expect(json.run == 6 && json.regressions.count == second.regressions.count)
            let manifest = try String(contentsOf: folder.appendingPathComponent("public/manifest.json"), encoding: .utf8)
            #expect(manifest.contains("\"verdict\":\"regression\""))
            // Marked as nightly runs in the store.
            let store = try ResultStore(path: folder.appendingPathComponent("results/nightly.sqlite").path)
            #expect(try store.runs().allSatisfy { $0.trigger == "nightly" })
        }
    }

    @Test func aStoppedNightIsNeitherJudgedNorABaselineAndPublishesNothing() async throws {
        try await withTemporaryDirectory("nightly") { folder in
            try Self.prepare(folder)
            for _ in 1...3 { #expect(try await Self.night(folder).exitStatus == .success) }
            let config = try NightlyConfig.load(path: folder.appendingPathComponent("nightly.yaml").path)
            let job = NightlyJob(config: config, catalog: try Catalog.load(), environment: SweepTests.environment)
            let observer = RecordingObserver()
            observer.stopAfter = 2
            observer.control = job.control
            let stopped = await job.run(observer: observer, log: { _ in })
            #expect(stopped.exitStatus == .partialFailure && stopped.sweepStatus == "interrupted" && stopped.coverage.missing == 2)
            #expect(stopped.published.values.allSatisfy { $0.hasPrefix("skipped") })
            // Two points of four are a much smaller frontier (its area): judged, that would be a "suspect".
            #expect(stopped.suspects.isEmpty && stopped.judgedMeasures == 0, "\(stopped.suspects)")
            let next = try await Self.night(folder)
            #expect(next.exitStatus == .success && next.suspects.isEmpty && next.regressions.isEmpty, "\(next.suspects)")
            #expect(next.judgedMeasures > 0, "three finished nights before it: judged")
            #expect(try ResultStore(path: config.database).findings().isEmpty)
        }
    }

    @Test func aSecondNightlyIsRefusedWhileTheFirstHoldsTheLock() async throws {
        try await withTemporaryDirectory("nightly") { folder in
            try Self.prepare(folder)
            let config = try NightlyConfig.load(path: folder.appendingPathComponent("nightly.yaml").path)
            let held = try NightlyLock(path: config.lock)
            let refused = try await Self.night(folder)
            held.release()
            #expect(refused.exitStatus == .partialFailure && refused.run == nil)
            #expect(refused.problems.first?.contains("another nightly holds") == true, "\(refused.problems)")
            #expect(refused.problems.first?.contains("pid \(getpid())") == true, "names the holder")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("public").path))
            #expect(try await Self.night(folder).exitStatus == .success, "released: the next one runs")
        }
    }

    @Test func aLockLeftByADeadNightlyIsRecovered() throws {
        try withTemporaryDirectory("nightly") { folder in
            let path = folder.appendingPathComponent("stale.lock").path
            // What a killed nightly leaves: its holder line, and no process holding the flock.
            try "pid 999999 on gone, started 2026-11-28T02:00:00Z".write(toFile: path, atomically: true, encoding: .utf8)
            let lock = try NightlyLock(path: path)
            #expect(lock.recoveredFrom?.contains("pid 999999") == true)
            lock.release()
            let clean = try NightlyLock(path: path)
            #expect(clean.recoveredFrom == nil, "a released lock is empty")
            clean.release()
        }
    }

    @Test func aRunLeftRunningByAKilledNightlyIsClosed() async throws {
        try await withTemporaryDirectory("nightly") { folder in
            try Self.prepare(folder)
            let config = try NightlyConfig.load(path: folder.appendingPathComponent("nightly.yaml").path)
            let store = try ResultStore(path: config.database)
            // What kill -9 leaves: a nightly run still `running`, its bench's pid gone.
            let orphan = try store.beginRun(NewRun(trigger: "nightly", harnessVersion: "t", host: "h", matrixDigest: "d", pid: 999_999))
            let summary = try await Self.night(folder)
            #expect(summary.exitStatus == .success)
            #expect(summary.notes.contains { $0.contains("run \(orphan) was left running") }, "\(summary.notes)")
            #expect(try store.runs().first { $0.id == orphan }?.status == .killed)
        }
    }

    @Test func nothingIsPublishedWhenPointsFailAndAnOldSiteStaysWhole() async throws {
        try await withTemporaryDirectory("nightly") { folder in
            try Self.prepare(folder)
            let published = folder.appendingPathComponent("public")
            try FileManager.default.createDirectory(at: published, withIntermediateDirectories: true)
            try "yesterday".write(to: published.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
            // Nothing listens on this port: every request fails, so every point does.
            let failing = try await Self.night(folder) { config in
                config.sweep.virtual = false
                config.sweep.engine = .external
                config.sweep.externalURL = "http://127.0.0.1:\(try LoopbackHTTP.freePort())"
                config.sweep.warmupsPerConcurrency = 0
                config.sweep.promptsPerConcurrency = 1
                config.sweep.maxConc = 1
                config.publishCommand = "touch \(folder.path)/command-ran"
            }
            #expect(failing.exitStatus == .partialFailure)
            #expect(failing.coverage.failed == 1 && failing.failures.count == 1)
            #expect(failing.published.values.allSatisfy { $0.hasPrefix("skipped") }, "\(failing.published)")
            #expect(try String(contentsOf: published.appendingPathComponent("index.html"), encoding: .utf8) == "yesterday")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("command-ran").path))
            // A clean night replaces the old site whole, then runs the command.
            let clean = try await Self.night(folder) {
                $0.publishCommand = "test -f \"$BENCH_SITE/index.html\" && grep -q 'exit 0' \"$BENCH_SUMMARY\" && touch \(folder.path)/command-ran"
            }
            #expect(clean.exitStatus == .success, "\(clean.problems)")
            #expect(try String(contentsOf: published.appendingPathComponent("index.html"), encoding: .utf8).contains("<!doctype html>"))
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("command-ran").path))
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".public") }
            #expect(leftovers.isEmpty, "no staging folder is left behind: \(leftovers)")
        }
    }

    @Test func aFailingPublishCommandIsAFailure() async throws {
        try await withTemporaryDirectory("nightly") { folder in
            let summary = try await Self.night(try Self.prepare(folder)) { $0.publishCommand = "echo no route to host >&2; exit 3" }
            #expect(summary.exitStatus == .partialFailure)
            #expect(summary.problems.contains { $0.contains("status 3") && $0.contains("no route to host") }, "\(summary.problems)")
        }
    }

    @Test func configErrorsArePositionedWithTheFix() throws {
        try withTemporaryDirectory("nightly") { folder in
            try Self.prepare(folder, "repeat: 3\nregression: { metric: speed }\n")
            #expect(throws: (any Error).self) { try NightlyConfig.load(path: folder.appendingPathComponent("nightly.yaml").path) }
            do {
                _ = try NightlyConfig.load(path: folder.appendingPathComponent("nightly.yaml").path)
            } catch {
                let text = "\(error)"
                #expect(
                    text.contains("nightly.yaml:9:") && text.contains("unknown key 'repeat'") && text.contains("did you mean 'repeats'"), "\(text)")
                #expect(text.contains("metric 'speed' is unknown"))
            }
        }
    }
}
