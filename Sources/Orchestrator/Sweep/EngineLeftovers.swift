import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// An engine whose bench was killed with SIGKILL keeps its GPUs (and port). Each run's log
/// folder holds the process group of the engine it has up, with what identifies that process
/// (its command line and the boot it started in); a resume of that run kills it first — only
/// when the group's leader is still that process, never one that reused the pid after a reboot.
enum EngineLeftovers {
    static func pidFile(_ logsDirectory: String) -> String { "\(logsDirectory)/engine.pid" }

    /// Records `group` (its leader's pid) with the leader's identity.
    static func record(group: Int32, in logsDirectory: String) {
        let text = "\(group)\n\(bootID() ?? "")\n\(commandLine(of: group)?.base64EncodedString() ?? "")\n"
        try? text.write(toFile: pidFile(logsDirectory), atomically: true, encoding: .utf8)
    }

    /// Kills the process group named in the run's pid file, if it is alive and still runs the
    /// recorded command in the same boot; returns it.
    @discardableResult
    static func kill(in logsDirectory: String) -> Int32? {
        let path = pidFile(logsDirectory)
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 3, let group = Int32(lines[0]), group > 1, !lines[1].isEmpty, lines[1] == bootID(),
            let recorded = Data(base64Encoded: lines[2]), !recorded.isEmpty, commandLine(of: group) == recorded,
            Glibc.kill(-group, 0) == 0
        else { return nil }
        Glibc.kill(-group, SIGKILL)
        return group
    }

    /// This boot's id (Linux); a pid recorded in another boot names another process.
    static func bootID() -> String? {
        (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The process's argv as the kernel holds it (NUL-separated), or nil when it is gone.
    static func commandLine(of pid: Int32) -> Data? {
        FileManager.default.contents(atPath: "/proc/\(pid)/cmdline")
    }
}
