import ArgumentParser
import BenchPerf
import Foundation

/// `bench perf client`: the load generator measured against the simulated engine's own emit times.
struct ClientPerf: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client",
        abstract: "Measure bench load's own latency share, CPU per token and ITL accuracy against bench serve-sim --emit-timestamps (release build).",
        discussion:
            "Targets: client share p50 ≤ 0.1 ms and p99 ≤ 1 ms at 1,024 streams; every stream open at once; ≤ 8 CPU-s per million tokens at 64, 256 and 1,024 streams; per-chunk ITL equal to the server's."
    )

    @Option(help: "Concurrent streams, comma-separated.") var streams = "64,256,1024"
    @Option(help: "Seconds to issue requests at each concurrency.") var seconds = 10.0
    @Option(help: "Prompt tokens per request.") var isl = 128
    @Option(help: "Output tokens per request.") var osl = 256
    @Option(help: "Client event loops, comma-separated: each count is run at every --streams, for scaling in one run.") var loops = "1"
    @Option(help: "Measure against this bench serve-sim --emit-timestamps (another process) instead of one in this process.") var url: String?
    @Option(help: "Event loops of the in-process server.") var serverLoops = 1
    @Option(help: "sim: bench serve-sim in this process (or --url); cheap: a bench perf sse-server child process, so the server is not the limit.")
    var server = ClientServer.sim
    @Option(help: "With --server cheap: microseconds between its decode steps (0: as fast as the client reads).") var serverIntervalUs = 0
    @Option(help: "With --server cheap: events (one token each) per send to a stream; more makes it cheaper per event.")
    var serverEventsPerWrite = 1
    @Option(help: "With --server cheap: SO_SNDBUF per stream, bounding how far it runs ahead of the client (default: the kernel's).")
    var serverSendBuffer: Int?
    @OptionGroup var deployment: PerfDeploymentOptions

    func validate() throws {
        guard !concurrencies.isEmpty, concurrencies.allSatisfy({ $0 >= 1 }) else {
            throw ValidationError("--streams must list positive integers, e.g. 64,256,1024")
        }
        guard !loopCounts.isEmpty, loopCounts.allSatisfy({ (1...1024).contains($0) }), (1...1024).contains(serverLoops) else {
            throw ValidationError("--loops must list integers from 1 to 1024, e.g. 1,2,4, and --server-loops be one")
        }
        guard seconds > 0, isl >= 1, osl >= 2 else { throw ValidationError("--seconds must be positive, --isl ≥ 1 and --osl ≥ 2") }
        guard server == .sim || url == nil else { throw ValidationError("--server cheap starts its own server: leave out --url") }
    }

    enum ClientServer: String, ExpressibleByArgument { case sim, cheap }

    private var concurrencies: [Int] { Self.integers(streams) }
    private var loopCounts: [Int] { Self.integers(loops) }

    static func integers(_ list: String) -> [Int] { list.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func run() async throws {
        let config = try deployment.config(streams: concurrencies.max() ?? 1)
        Console.line("deployment: \(deployment.describe(config)); ISL \(isl), OSL \(osl), \(seconds) s per concurrency, closed loop")
        let cheap = try server == .cheap ? startCheapServer() : nil
        defer { if let cheap { Console.line(cheap.stop()) } }
        var allMet = true
        var measured: [ClientFigures] = []
        var serverCPU = cheap?.cpuSeconds()
        try await ClientAccuracy.measure(
            config: config, concurrencies: concurrencies, loops: loopCounts, seconds: seconds, isl: isl, osl: osl, url: cheap?.url ?? url,
            serverLoops: serverLoops
        ) { figures in
            Self.print(figures)
            if let cheap, let before = serverCPU, let now = cheap.cpuSeconds() {
                Console.line(Self.serverLine(cpuSeconds: now - before, figures))
                serverCPU = now
            }
            measured.append(figures)
            allMet = allMet && figures.targets.allSatisfy(\.met)
        }
        for line in ClientScaling.lines(measured) { Console.line(line) }
        if !allMet { throw ExitCode.failure }
    }

    /// The sse-server process's share of a run: CPU per event received, and of a core.
    static func serverLine(cpuSeconds: Double, _ figures: ClientFigures) -> String {
        let perEvent = cpuSeconds / Double(max(1, figures.events)) * 1e6, busy = cpuSeconds / max(figures.elapsedSeconds, 1e-9) * 100
        return "  server (sse-server process): CPU per event \(String(format: "%.2f", perEvent)) µs, busy \(Int(busy.rounded()))% of a core; "
            + "client + server CPU per event \(String(format: "%.2f", perEvent + figures.cpuPerEvent * 1e6)) µs"
    }

    /// `bench perf sse-server` in a child process of this same binary, alive for every run at most.
    private func startCheapServer() throws -> SSEServerProcess {
        let runs = Double(concurrencies.count * loopCounts.count)
        let server = try SSEServerProcess(
            executable: Bundle.main.executablePath ?? CommandLine.arguments[0], intervalMicroseconds: serverIntervalUs,
            eventsPerWrite: serverEventsPerWrite,
            sendBufferBytes: serverSendBuffer, maxStreams: concurrencies.max() ?? 1, seconds: runs * (seconds + 60) + 60)
        Console.line(
            "server: bench perf sse-server at \(server.url) (another process), decode step every \(serverIntervalUs) µs, \(serverEventsPerWrite) events per send"
        )
        return server
    }

    static func print(_ figures: ClientFigures) {
        func ms(_ value: Double?) -> String { value.map { String(format: "%.3f ms", $0 * 1000) } ?? "n/a" }
        func us(_ value: Double) -> String { String(format: "%.2f µs", value * 1e6) }
        let lag = figures.lag.map { "p50 \(ms($0.quantile(0.5))), p99 \(ms($0.quantile(0.99)))" } ?? "n/a (server in another process)"
        Console.line(
            """
            \(figures.loops) client loop\(figures.loops == 1 ? "" : "s"), \(figures.concurrency) streams: \(Int(figures.eventsPerSecond.rounded())) events/s received, CPU per event \(us(figures.cpuPerEvent)) (per loop: \(figures.loopCPUPerEvent.map(us).joined(separator: ", "))), server emission lag \(lag)
              \(figures.succeeded) requests, \(figures.outputTokens) output tokens, \(figures.failed) failed, peak in flight \(figures.peakInFlight)
              client share (written − start, arrival − emit): p50 \(ms(figures.share?.median)), p99 \(ms(figures.share?.p99)), p99.9 \(ms(figures.share?.p999))
              per-chunk ITL error vs server: p50 \(ms(figures.itlError?.median)), p99 \(ms(figures.itlError?.p99))
              client CPU: \(String(format: "%.2f", figures.cpuSeconds)) s, \(String(format: "%.2f", figures.cpuPerMillionTokens)) s per 1M tokens
              targets: \(figures.targets.map { "\($0.name) -> \($0.met ? "met" : "NOT met")" }.joined(separator: "; "))
            """)
    }
}
