import BenchTesting
import Foundation
import Testing

@testable import Engines

@Suite struct ProcessTests {
    @Test func teardownReachesTheWholeProcessGroup() throws {
        try withTemporaryDirectory("engines") { folder in
            let pidFile = folder.appendingPathComponent("grandchild.pid").path
            let log = folder.appendingPathComponent("group.log").path
            // The leader forks a grandchild that ignores nothing and would outlive a plain kill of the leader.
            let child = try ChildProcess(
                executable: "/bin/sh", arguments: ["-c", "sleep 300 & echo $! > \(pidFile); wait"],
                output: .file(log))
            let deadline = Date().addingTimeInterval(10)
            while (try? String(contentsOfFile: pidFile, encoding: .utf8))?.isEmpty ?? true, Date() < deadline { usleep(10_000) }
            let grandchild = try #require(
                Int32((try String(contentsOfFile: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(child.isRunning)
            child.terminate(graceSeconds: 5)
            #expect(!child.isRunning)
            // The grandchild is gone (or a zombie reparented to init awaiting reaping).
            let gone = {
                kill(grandchild, 0) != 0 || (try? String(contentsOfFile: "/proc/\(grandchild)/stat", encoding: .utf8))?.contains(") Z") == true
            }
            while !gone(), Date() < deadline { usleep(10_000) }
            #expect(gone())
        }
    }

    @Test func anEngineThatExitsEarlyReportsItsLogTail() throws {
        try withTemporaryDirectory("engines") { folder in
            let log = folder.appendingPathComponent("early.log").path
            let command = EngineCommand(executable: "/bin/sh", arguments: ["-c", "echo loading weights; echo 'CUDA out of memory' >&2; exit 7"])
            do {
                _ = try Engine(command: command, port: try LoopbackHTTP.freePort(), logPath: log, readinessSeconds: 30)
                Issue.record("expected the launch to fail")
            } catch let error as EngineError {
                #expect(error.message.contains("exited with status 7"))
                #expect(error.message.contains("CUDA out of memory"))
            }
            // The log starts with the exact command.
            #expect(try String(contentsOfFile: log, encoding: .utf8).contains("bench launches: /bin/sh -c"))
        }
    }

    @Test func anEngineThatNeverAnswersHitsTheDeadline() throws {
        let command = EngineCommand(executable: "/bin/sh", arguments: ["-c", "exec sleep 300"])
        try withTemporaryDirectory("engines") { folder in
            do {
                _ = try Engine(
                    command: command, port: try LoopbackHTTP.freePort(), logPath: folder.appendingPathComponent("slow.log").path,
                    readinessSeconds: 0.3)
                Issue.record("expected the readiness deadline")
            } catch let error as EngineError {
                #expect(error.message.contains("not ready within"))
                #expect(error.fix.contains("--engine-ready-timeout"))
            }
        }
    }

    @Test func aStopRequestCancelsALaunchStillLoading() throws {
        let command = EngineCommand(executable: "/bin/sh", arguments: ["-c", "exec sleep 300"])
        let started = Date()
        try withTemporaryDirectory("engines") { folder in
            do {
                _ = try Engine(
                    command: command, port: try LoopbackHTTP.freePort(), logPath: folder.appendingPathComponent("cancel.log").path,
                    readinessSeconds: 600
                ) { true }
                Issue.record("expected the launch to be cancelled")
            } catch let error as EngineError {
                #expect(error.message.contains("cancelled"))
            }
            #expect(Date().timeIntervalSince(started) < 60, "cancelled, not waited out")
        }
    }

    @Test func aMissingExecutableIsAClearError() throws {
        try withTemporaryDirectory("engines") { folder in
            #expect(throws: EngineError.self) {
                try ChildProcess(executable: "no-such-engine-binary", arguments: [], output: .file(folder.appendingPathComponent("x.log").path))
            }
        }
    }

    @Test func logTailKeepsTheLastLines() throws {
        try withTemporaryDirectory("engines") { folder in
            let path = folder.appendingPathComponent("tail.log").path
            try (1...100).map { "line \($0)" }.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            let tail = LogTail.read(path, lines: 3)
            #expect(tail.hasSuffix("line 98\nline 99\nline 100"))
            #expect(!tail.contains("line 96\n"))
        }
    }
}
