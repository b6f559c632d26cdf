#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs a short command and returns its stdout and stderr together, or nil when it cannot start,
/// fails, or outlives `timeout` seconds (then its process group is killed).
enum CommandOutput {
    static func run(_ executable: String, _ arguments: [String], timeout: Double = 5) -> String? {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return nil }
        let child: ChildProcess
        do {
            child = try ChildProcess(executable: executable, arguments: arguments, output: .descriptor(fds[1]))
        } catch {
            close(fds[0])
            close(fds[1])
            return nil
        }
        close(fds[1])
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(timeout)
        var poller = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
        while Date() < deadline {
            guard poll(&poller, 1, 100) >= 0 else { break }
            guard poller.revents != 0 else { continue }
            let count = read(fds[0], &buffer, buffer.count)
            if count <= 0 { break }
            output.append(buffer, count: count)
        }
        close(fds[0])
        let status = child.wait(seconds: max(0, deadline.timeIntervalSinceNow)) ?? child.terminate(graceSeconds: 0)
        return status == 0 ? String(decoding: output, as: UTF8.self) : nil
    }

    /// The full path of `name` on PATH, or nil.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
