import Foundation

/// A `bench perf sse-server` child process: started with its stdin a pipe we hold, so closing it
/// (or our exit) stops it; its lifetime is bounded by `seconds` in any case.
public final class SSEServerProcess {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors = Pipe()
    public let url: String

    /// Starts `executable perf sse-server` and waits for the URL it prints first.
    public init(executable: String, intervalMicroseconds: Int, eventsPerWrite: Int, sendBufferBytes: Int?, maxStreams: Int, seconds: Double) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments =
            [
                "perf", "sse-server", "--port", "0", "--interval-us", String(intervalMicroseconds), "--events-per-write", String(eventsPerWrite),
                "--seconds", String(seconds), "--max-streams", String(maxStreams),
                "--stop-on-stdin-eof",
            ]
            + (sendBufferBytes.map { ["--send-buffer", String($0)] } ?? [])
        (process.standardInput, process.standardOutput, process.standardError) = (input, output, errors)
        try process.run()
        var text = Data()
        while !text.contains(UInt8(ascii: "\n")) {
            let more = output.fileHandleForReading.availableData
            guard !more.isEmpty else {
                process.waitUntilExit()
                let reason = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                throw PerfError("sse-server exited before listening: \(reason.prefix(300))")
            }
            text += more
        }
        let line = String(decoding: text.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        guard line.hasPrefix("listening on ") else { throw PerfError("sse-server said \(line.prefix(200).debugDescription), not its URL") }
        url = String(line.dropFirst("listening on ".count))
    }

    /// CPU seconds (user + system) the server has used so far, from /proc (nil where there is none).
    public func cpuSeconds() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // After "pid (comm)": state is field 3, utime and stime fields 14 and 15, in clock ticks.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Stops the server (its stdin ends) and returns its last line: events, requests and CPU.
    public func stop() -> String {
        try? input.fileHandleForWriting.close()
        let rest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return rest.split(separator: "\n").last.map(String.init) ?? "sse-server: exited with status \(process.terminationStatus)"
    }
}
