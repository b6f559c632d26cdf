import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process in its own process group, so that one signal reaches the engine and every
/// worker it forks (vLLM and SGLang start several). Launched with posix_spawn: the parent's
/// blocked and ignored signals (bench holds SIGINT/SIGTERM for its own shutdown) are reset.
public final class ChildProcess: @unchecked Sendable {
    public let pid: pid_t
    private let lock = NSLock()
    private var reaped: Int32?

    /// Where the child's stdout and stderr go.
    public enum Output {
        /// Appended to this file.
        case file(String)
        /// The write end of a pipe the caller reads.
        case descriptor(Int32)
    }

    public init(executable: String, arguments: [String], environment: [String: String] = [:], output: Output) throws(EngineError) {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        switch output {
        case .file(let path):
            posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        case .descriptor(let descriptor):
            posix_spawn_file_actions_adddup2(&actions, descriptor, 1)
        }
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var defaults = sigset_t(), empty = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { $1 }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        // posix_spawnp searches PATH for a bare name, as a shell would.
        let status = posix_spawnp(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw EngineError(
                "cannot start \(executable): \(String(cString: strerror(status)))",
                fix: "check that it is installed and on PATH, or give its full path")
        }
        pid = child
    }

    /// The exit status once the child has ended (a signal shows as 128 + its number); nil while it runs.
    public var exitStatus: Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let reaped { return reaped }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        reaped = Self.decode(status)
        return reaped
    }

    public var isRunning: Bool { exitStatus == nil }

    /// SIGTERM to the whole group, `graceSeconds` to exit, then SIGKILL to the group. Returns the exit status.
    @discardableResult
    public func terminate(graceSeconds: Double) -> Int32 {
        if let status = exitStatus {
            kill(-pid, SIGKILL)  // workers the leader left behind
            return status
        }
        kill(-pid, SIGTERM)
        let deadline = Date().addingTimeInterval(graceSeconds)
        while Date() < deadline {
            if let status = exitStatus {
                kill(-pid, SIGKILL)
                return status
            }
            usleep(20_000)
        }
        kill(-pid, SIGKILL)
        while true {
            if let status = exitStatus { return status }
            usleep(5_000)
        }
    }

    /// Waits for the child to exit by itself, up to `seconds`; nil if it is still running.
    public func wait(seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if let status = exitStatus { return status }
            usleep(10_000)
        } while Date() < deadline
        return exitStatus
    }

    private static func decode(_ status: Int32) -> Int32 {
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}
