import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a short command and collects its stdout and stderr together.
public enum CommandOutput {
    /// The output, or nil when the command cannot start, fails, or outlives `timeout` seconds.
    static func run(_ executable: String, _ arguments: [String], timeout: Double = 5) -> String? {
        let result = self.result(executable, arguments, timeout: timeout)
        return result.status == 0 ? result.output : nil
    }

    /// The exit status (nil when it could not start; a killed command's status when it outlived
    /// `timeout` seconds, after which its process group is killed) and everything it printed.
    public static func result(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        timeout: Double
    ) -> (status: Int32?, output: String) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return (nil, "cannot create a pipe") }
        let child: ChildProcess
        do {
            child = try ChildProcess(executable: executable, arguments: arguments, environment: environment, output: .descriptor(fds[1]))
        } catch {
            close(fds[0])
            close(fds[1])
            return (nil, error.description)
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
        return (status, String(decoding: output, as: UTF8.self))
    }

    /// The full path of `name` on PATH, or nil.
    public static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
