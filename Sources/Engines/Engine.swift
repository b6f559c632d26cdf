import Foundation

/// One launched engine: its process group, port, log and the command that started it.
public final class Engine: Sendable {
    public let command: EngineCommand
    public let port: Int
    public let logPath: String
    private let process: ChildProcess

    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Starts `command` with its output appended to `logPath`, then polls `GET /health` until
    /// it answers 200. The engine dying first, or `readinessSeconds` passing, tears it down
    /// and throws with the log's tail; so does `cancelled` returning true (checked every 0.1 s).
    public init(
        command: EngineCommand, port: Int, logPath: String, readinessSeconds: Double,
        cancelled: @Sendable () -> Bool = { false }
    ) throws(EngineError) {
        self.command = command
        self.port = port
        self.logPath = logPath
        let directory = URL(fileURLWithPath: logPath).deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let header = "# \(ISO8601DateFormatter().string(from: Date())) bench launches: \(command.display)\n"
        if let handle = FileHandle(forWritingAtPath: logPath) {
            handle.seekToEndOfFile()
            handle.write(Data(header.utf8))
            try? handle.close()
        } else {
            _ = FileManager.default.createFile(atPath: logPath, contents: Data(header.utf8))
        }
        for (path, contents) in command.files.sorted(by: { $0.key < $1.key }) {
            do {
                try FileManager.default.createDirectory(
                    atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
                try contents.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw EngineError("cannot write the engine's options file \(path): \(error.localizedDescription)", fix: "check that the logs folder is writable")
            }
        }
        process = try ChildProcess(
            executable: command.executable, arguments: command.arguments,
            environment: command.environment, output: .file(logPath))
        let deadline = Date().addingTimeInterval(readinessSeconds)
        while true {
            if let status = process.exitStatus {
                process.terminate(graceSeconds: 0)
                throw EngineError(
                    "the engine exited with status \(status) before it was ready; the end of \(logPath):\n\(LogTail.read(logPath))",
                    fix: "")
            }
            if LoopbackHTTP.status(host: "127.0.0.1", port: port, path: "/health", timeout: 1) == 200 { return }
            if cancelled() {
                process.terminate(graceSeconds: 5)
                throw EngineError("the launch was cancelled before the engine was ready", fix: "")
            }
            if Date() >= deadline {
                process.terminate(graceSeconds: 5)
                throw EngineError(
                    "the engine was not ready within \(Int(readinessSeconds)) s (GET /health on port \(port)); the end of \(logPath):\n\(LogTail.read(logPath))",
                    fix: "raise --engine-ready-timeout if it is only slow to load")
            }
            usleep(100_000)
        }
    }

    public var isRunning: Bool { process.isRunning }

    /// The engine's process group id (its leader's pid), for cleaning up after a killed bench.
    public var processGroup: Int32 { process.pid }

    /// Waits up to `seconds` for the engine to exit by itself; true if it has.
    public func waitForExit(seconds: Double) -> Bool {
        process.wait(seconds: seconds) != nil
    }

    /// Why the engine is gone, with its log's tail; nil while it runs.
    public var deathReport: String? {
        guard let status = process.exitStatus else { return nil }
        return "the engine exited with status \(status) during the point; the end of \(logPath):\n\(LogTail.read(logPath))"
    }

    /// SIGTERM to its process group, `graceSeconds`, then SIGKILL.
    public func stop(graceSeconds: Double = 10) {
        process.terminate(graceSeconds: graceSeconds)
    }
}
