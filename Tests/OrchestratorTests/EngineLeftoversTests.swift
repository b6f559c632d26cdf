import BenchTesting
import Engines
import Foundation
import Testing

@testable import Orchestrator

@Suite struct EngineLeftoversTests {
    @Test func aGroupIsKilledOnlyWhileItStillRunsTheRecordedCommand() async throws {
        try await withTemporaryDirectory("leftovers") { temporary in
            let folder = temporary.path
            let child = try ChildProcess(executable: "/bin/sleep", arguments: ["30"], output: .file(folder + "/sleep.log"))
            defer { _ = child.terminate(graceSeconds: 0) }
            // Until the child has exec'd, /proc shows the forked test binary's command line; on a
            // loaded machine the pid file was recorded before the exec and never matched afterwards.
            let sleepCommand = Data("/bin/sleep\u{0}30\u{0}".utf8)
            try await waitUntil("the child runs /bin/sleep") { EngineLeftovers.commandLine(of: child.pid) == sleepCommand }
            // A pid file from another boot, or naming another command (the pid reused), is removed and nothing is signalled.
            for text in [
                "\(child.pid)\nanother-boot\n\(Data("/bin/sleep\u{0}30\u{0}".utf8).base64EncodedString())\n",
                "\(child.pid)\n\(EngineLeftovers.bootID() ?? "")\n\(Data("python3\u{0}-m\u{0}vllm\u{0}".utf8).base64EncodedString())\n",
                "\(child.pid)\n",
            ] {
                try text.write(toFile: EngineLeftovers.pidFile(folder), atomically: true, encoding: .utf8)
                #expect(EngineLeftovers.kill(in: folder) == nil)
                #expect(child.isRunning)
                #expect(!FileManager.default.fileExists(atPath: EngineLeftovers.pidFile(folder)))
            }
            EngineLeftovers.record(group: child.pid, in: folder)
            #expect(EngineLeftovers.kill(in: folder) == child.pid)
            #expect(child.wait(seconds: 10) != nil)
        }
    }
}
