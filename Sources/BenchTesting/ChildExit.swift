import Foundation

/// The exit status of a child started with Foundation's `Process` (128 + N when signal N ended
/// it), without `waitUntilExit`, which spins a run loop that a Swift Testing task never turns.
/// The child is reaped with waitpid; when Foundation's own SIGCHLD handling got there first, its
/// record is read. A child still running after `timeout` is killed and the wait throws.
public enum ChildExit {
    public static func status(_ process: Process, timeout: Duration = .seconds(300)) async throws -> Int32 {
        var status: Int32?
        try await waitUntil("pid \(process.processIdentifier) exiting", within: timeout, every: .milliseconds(5)) {
            status = reaped(process)
            return status != nil
        }
        return status!
    }

    /// For synchronous callers that already read the child's output to its end (so it has exited or is about to).
    public static func statusBlocking(_ process: Process, timeout: Double = 300) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let status = reaped(process) { return status }
            guard Date() < deadline else {
                kill(process.processIdentifier, SIGKILL)
                throw TimedOut(description: "pid \(process.processIdentifier) exiting: not within \(timeout) s (killed)")
            }
            usleep(2_000)
        }
    }

    /// The status once the child has ended, else nil. Reaps it: ask once it returned non-nil, never again.
    private static func reaped(_ process: Process) -> Int32? {
        let pid = process.processIdentifier
        var raw: Int32 = 0
        let result = waitpid(pid, &raw, WNOHANG)
        if result == pid { return (raw & 0x7F) == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F) }
        guard result == -1 && errno == ECHILD && !process.isRunning else { return nil }
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }
}
