import Foundation

/// The built `bench` binary, run as a user would from the repository root: what the CLI tests drive.
public enum BenchProcess {
    public static let executable: URL = {
        let sibling = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("bench")
        if FileManager.default.isExecutableFile(atPath: sibling.path) { return sibling }
        return repositoryRoot.appendingPathComponent(".build/debug/bench")
    }()

    /// Three folders up from Sources/BenchTesting/BenchProcess.swift.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs `bench arguments` to its end, with `environment` added to this process's, capturing exit status and both streams.
    public static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        return (try ChildExit.statusBlocking(process), String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
