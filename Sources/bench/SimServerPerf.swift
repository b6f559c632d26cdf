import ArgumentParser
import Catalog
import Foundation
import SimEngine
import SimServer

/// `bench perf sim-server`: how fast and how punctually the real-time server writes token events.
/// The server runs on its one event loop; a minimal load client runs on another, in this process.
struct SimServerPerf: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim-server",
        abstract: "Load bench serve-sim with concurrent streams; report token events/s and emission lag (target: ≥ 100,000 events/s, p99 lag < 1 ms at 1,000 streams, release build).",
        discussion: "The default deployment (GPT-OSS FP4 on 8 × B200) steps fast enough at 1,000 streams to offer more than 100,000 events/s, so the server, not the simulated GPU, is the limit.")

    @Option(help: "Concurrent streams (one keep-alive connection each).") var streams = 1000
    @Option(help: "Output tokens per request (ignore_eos).") var osl = 1024
    @Option(help: "Seconds to run before measuring (every stream started, prefill done).") var warmupSeconds = 3.0
    @Option(help: "Seconds to measure.") var seconds = 10.0
    @OptionGroup var deployment: PerfDeploymentOptions

    func validate() throws {
        guard streams >= 1, osl >= 1 else { throw ValidationError("--streams and --osl must be at least 1") }
        guard warmupSeconds >= 0, seconds > 0 else { throw ValidationError("--warmup-seconds must be ≥ 0 and --seconds > 0") }
    }

    func run() async throws {
        try FileDescriptors.raiseLimit(toAtLeast: 2 * streams + 256)
        let config = try deployment.config(streams: streams)
        let server = try await SimServer.start(cluster: try SimCluster(config: config, seed: 1), options: ServerOptions())
        let body = #"{"model":"\#(config.model.name)","prompt":"Measure the server, not the client.","max_tokens":\#(osl),"stream":true,"ignore_eos":true}"#
        let request = "POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        let client = try await SSELoadClient(port: server.port, connections: streams, request: request)

        try await Task.sleep(for: .seconds(warmupSeconds))
        let clock = ContinuousClock()
        let start = clock.now
        let (countsBefore, lagBefore) = (try await client.counts(), try await server.emitLag())
        try await Task.sleep(for: .seconds(seconds))
        let (countsAfter, lagAfter) = (try await client.counts(), try await server.emitLag())
        let elapsed = (clock.now - start) / .seconds(1)
        try await client.stop()
        try await server.drainAndStop()

        let lag = lagAfter.since(lagBefore)
        let received = Double(countsAfter.events - countsBefore.events) / elapsed
        let written = Double(lag.total) / elapsed
        let p99 = lag.quantile(0.99)
        func ms(_ seconds: Double?) -> String { seconds.map { String(format: "%.2f ms", $0 * 1000) } ?? "> 100 ms" }
        Console.write("""
        deployment: \(deployment.describe(config)); \(streams) streams, \(osl) tokens each, stream interval 1
        window: \(String(format: "%.1f", elapsed)) s after \(String(format: "%.1f", warmupSeconds)) s warm-up; \(countsAfter.completed - countsBefore.completed) requests completed, \(countsAfter.failed) failed
        token events written by the server: \(Int(written.rounded()))/s; received by the client: \(Int(received.rounded()))/s
        counting client (NIO, no parsing): \(String(format: "%.2f", (countsAfter.cpuSeconds - countsBefore.cpuSeconds) / Double(max(1, countsAfter.events - countsBefore.events)) * 1e6)) µs CPU per event received
        emission lag (actual − scheduled): p50 \(ms(lag.quantile(0.5))), p90 \(ms(lag.quantile(0.9))), p99 \(ms(p99)), p99.9 \(ms(lag.quantile(0.999)))
        targets: ≥ 100000 events/s -> \(written >= 100_000 ? "met" : "NOT met"); p99 < 1 ms -> \((p99 ?? 1) < 0.001 ? "met" : "NOT met")

        """)
    }
}

enum FileDescriptors {
    /// Both ends of every connection live in this process.
    static func raiseLimit(toAtLeast wanted: Int) throws {
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        guard limit.rlim_cur < rlim_t(wanted) else { return }
        guard limit.rlim_max >= rlim_t(wanted) else {
            throw ValidationError("--streams needs \(wanted) open files but the hard limit is \(limit.rlim_max); raise it (ulimit -Hn) or use fewer streams")
        }
        limit.rlim_cur = rlim_t(wanted)
        setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    }
}
