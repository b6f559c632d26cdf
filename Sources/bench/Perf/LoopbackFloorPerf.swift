import ArgumentParser
import BenchPerf
import Foundation

/// `bench perf loopback-floor`: what this machine's kernel alone charges for one token event,
/// the yardstick for `bench perf sim-server`'s events/s on the same machine.
struct LoopbackFloorPerf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loopback-floor",
        abstract: "Measure the kernel's cost of one loopback TCP write (the ceiling for a server's token events/s on one core; Linux only).")

    @Option(help: "Connections written round-robin.") var streams = 1000
    @Option(help: "Bytes per write (one SSE token event is ~180).") var bytes = 180
    @Option(help: "Seconds to measure.") var seconds = 4.0

    func validate() throws {
        guard streams >= 1, bytes >= 1, bytes <= 65536, seconds > 0 else {
            throw ValidationError("--streams and --bytes (≤ 65536) must be at least 1 and --seconds positive")
        }
    }

    func run() throws {
        let figures = try LoopbackFloor.measure(streams: streams, bytes: bytes, seconds: seconds)
        let writes = Double(figures.writes)
        Console.write(
            """
            \(streams) loopback TCP connections, \(bytes)-byte writes, \(String(format: "%.1f", figures.elapsedSeconds)) s
            writes/s: \(Int((writes / figures.elapsedSeconds).rounded())); CPU per write: \(String(format: "%.2f", figures.cpuSeconds / writes * 1e6)) µs; writes per CPU-second: \(Int((writes / figures.cpuSeconds).rounded()))

            """)
    }
}
