import ArgumentParser
import Catalog
import Foundation
import LoadGen
import Metrics
import SimEngine
import SimServer

/// `bench perf client`: the load generator measured against the simulated engine's own emit
/// times, in one process (server on one event loop, client on another).
struct ClientPerf: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client",
        abstract: "Measure bench load's own latency share, CPU per token and ITL accuracy against bench serve-sim --emit-timestamps (release build).",
        discussion: "Targets: client share p50 ≤ 0.1 ms and p99 ≤ 1 ms at 1,024 streams; every stream open at once; ≤ 8 CPU-s per million tokens at 64, 256 and 1,024 streams; per-chunk ITL equal to the server's.")

    @Option(help: "Concurrent streams, comma-separated.") var streams = "64,256,1024"
    @Option(help: "Seconds to issue requests at each concurrency.") var seconds = 10.0
    @Option(help: "Prompt tokens per request.") var isl = 128
    @Option(help: "Output tokens per request.") var osl = 256
    @OptionGroup var deployment: PerfDeploymentOptions

    func validate() throws {
        guard !concurrencies.isEmpty, concurrencies.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--streams must list positive integers, e.g. 64,256,1024") }
        guard seconds > 0, isl >= 1, osl >= 2 else { throw ValidationError("--seconds must be positive, --isl ≥ 1 and --osl ≥ 2") }
    }

    private var concurrencies: [Int] { streams.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func run() async throws {
        try FileDescriptors.raiseLimit(toAtLeast: 2 * (concurrencies.max() ?? 1) + 256)
        let config = try deployment.config(streams: concurrencies.max() ?? 1)
        var options = ServerOptions()
        options.emitTimestamps = true
        let server = try await SimServer.start(cluster: try SimCluster(config: config, seed: 1), options: options)
        Console.line("deployment: \(deployment.describe(config)); ISL \(isl), OSL \(osl), \(seconds) s per concurrency, closed loop")
        var allMet = true
        for concurrency in concurrencies {
            let settings = LoadSettings(
                target: try LoadTarget(url: "http://127.0.0.1:\(server.port)", endpoint: .completions),
                workload: Workload(endpoint: .completions, model: config.model.name, inputLength: isl, outputLength: osl, seed: 1),
                maxConcurrency: concurrency, length: .duration(seconds), warmups: 0, timeoutSeconds: 600)
            let run = try LoadRun(settings: settings)
            let result = try await run.run()
            let figures = ClientFigures(outcome: result)
            allMet = figures.print(concurrency: concurrency) && allMet
        }
        try await server.drainAndStop()
        if !allMet { throw ExitCode.failure }
    }
}

/// What `bench perf client` reports for one concurrency.
struct ClientFigures {
    let outcome: LoadOutcome
    var cpuSeconds: Double { outcome.clientCPUSeconds }

    /// Prints the figures and the targets; true when every target is met.
    func print(concurrency: Int) -> Bool {
        let requests = outcome.requests.filter(\.record.succeeded)
        let tokens = requests.reduce(0) { $0 + $1.record.outputTokens }
        let share = Distribution(requests.compactMap(\.sendLatency) + requests.flatMap(\.receiveLags))
        // Per-chunk ITL error: each client gap minus the server's gap between the same two events.
        let itlError = Distribution(requests.flatMap { request -> [Double] in
            guard let emits = request.serverEmitTimes else { return [] }
            let events = request.record.events
            return (1..<events.count).map { (index: Int) -> Double in
                let clientGap: Int64 = events[index].time - events[index - 1].time
                let serverGap: Int64 = emits[index] - emits[index - 1]
                return Double(abs(clientGap - serverGap)) / 1e9
            }
        })
        let cpuPerMillion = tokens > 0 ? cpuSeconds / Double(tokens) * 1e6 : .infinity
        func ms(_ value: Double?) -> String { value.map { String(format: "%.3f ms", $0 * 1000) } ?? "n/a" }
        let targets: [(String, Bool)] = [
            ("client share p50 ≤ 0.1 ms", (share?.median ?? 1) <= 0.0001),
            ("client share p99 ≤ 1 ms", (share?.p99 ?? 1) <= 0.001),
            ("every stream open at once", outcome.peakInFlight == concurrency),
            ("≤ 8 CPU-s per 1M tokens", cpuPerMillion <= 8),
        ]
        Console.line("""
        \(concurrency) streams: \(requests.count) requests, \(tokens) output tokens, \(outcome.requests.count - requests.count) failed, peak in flight \(outcome.peakInFlight)
          client share (written − start, arrival − emit): p50 \(ms(share?.median)), p99 \(ms(share?.p99)), p99.9 \(ms(share?.p999))
          per-chunk ITL error vs server: p50 \(ms(itlError?.median)), p99 \(ms(itlError?.p99))
          client CPU: \(String(format: "%.2f", cpuSeconds)) s, \(String(format: "%.2f", cpuPerMillion)) s per 1M tokens
          targets: \(targets.map { "\($0.0) -> \($0.1 ? "met" : "NOT met")" }.joined(separator: "; "))
        """)
        return targets.allSatisfy(\.1)
    }
}
