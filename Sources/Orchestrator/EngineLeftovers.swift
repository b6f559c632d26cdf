#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// An engine whose bench was killed with SIGKILL keeps its GPUs (and port). Each run's log
/// folder holds the process group of the engine it has up; a resume of that run kills it first.
enum EngineLeftovers {
    static func pidFile(_ logsDirectory: String) -> String { "\(logsDirectory)/engine.pid" }

    /// Kills the process group named in the run's pid file, if any is still alive; returns it.
    @discardableResult
    static func kill(in logsDirectory: String) -> Int32? {
        let path = pidFile(logsDirectory)
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let group = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), group > 1,
              Glibc.kill(-group, 0) == 0 else { return nil }
        Glibc.kill(-group, SIGKILL)
        return group
    }
}
