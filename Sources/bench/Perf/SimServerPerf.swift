import ArgumentParser
import BenchPerf
import Foundation
import SimEngine

/// `bench perf sim-server`: how fast and how punctually the real-time server writes token events.
struct SimServerPerf: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim-server",
        abstract:
            "Load bench serve-sim with concurrent streams; report token events/s and emission lag (target: ≥ 100,000 events/s, p99 lag < 1 ms at 1,000 streams, release build).",
        discussion:
            "The default deployment (GPT-OSS FP4 on 8 × B200) steps fast enough at 1,000 streams to offer more than 100,000 events/s, so the server, not the simulated GPU, is the limit."
    )

    @Option(help: "Concurrent streams (one keep-alive connection each).") var streams = 1000
    @Option(help: "Output tokens per request (ignore_eos).") var osl = 1024
    @Option(help: "Seconds to run before measuring (every stream started, prefill done).") var warmupSeconds = 3.0
    @Option(help: "Seconds to measure.") var seconds = 10.0
    @Option(help: "Server event loops writing token events, comma-separated: each count is measured in turn (the scheduler stays on one).")
    var loops = "1"
    @Option(help: "Event loops of the load client.") var clientLoops = 1
    @OptionGroup var deployment: PerfDeploymentOptions

    func validate() throws {
        guard streams >= 1, osl >= 1 else { throw ValidationError("--streams and --osl must be at least 1") }
        guard warmupSeconds >= 0, seconds > 0 else { throw ValidationError("--warmup-seconds must be ≥ 0 and --seconds > 0") }
        guard !loopCounts.isEmpty, loopCounts.allSatisfy({ (1...1024).contains($0) }), (1...1024).contains(clientLoops) else {
            throw ValidationError("--loops must list integers from 1 to 1024, e.g. 1,2,4, and --client-loops be one")
        }
    }

    private var loopCounts: [Int] { ClientPerf.integers(loops) }

    func run() async throws {
        let config = try deployment.config(streams: streams)
        for serverLoops in loopCounts {
            let figures = try await SimServerLoad.measure(
                config: config, streams: streams, osl: osl, warmupSeconds: warmupSeconds, seconds: seconds, serverLoops: serverLoops,
                clientLoops: clientLoops)
            print(figures, config: config, serverLoops: serverLoops)
        }
    }

    private func print(_ figures: SimServerLoad.Figures, config: SimConfig, serverLoops: Int) {
        let p99 = figures.lag.quantile(0.99)
        func ms(_ seconds: Double?) -> String { seconds.map { String(format: "%.2f ms", $0 * 1000) } ?? "> 100 ms" }
        Console.write(
            """
            deployment: \(deployment.describe(config)); \(streams) streams, \(osl) tokens each, stream interval 1; server loops \(serverLoops), client loops \(clientLoops)
            window: \(String(format: "%.1f", figures.elapsedSeconds)) s after \(String(format: "%.1f", warmupSeconds)) s warm-up; \(figures.completed) requests completed, \(figures.failed) failed
            token events written by the server: \(Int(figures.writtenPerSecond.rounded()))/s; received by the client: \(Int(figures.receivedPerSecond.rounded()))/s
            load client (LoadGen, parsing every event, \(clientLoops) loop\(clientLoops == 1 ? "" : "s")): \(String(format: "%.2f", figures.clientCPUPerEvent * 1e6)) µs CPU per event received
            emission lag (actual − scheduled): p50 \(ms(figures.lag.quantile(0.5))), p90 \(ms(figures.lag.quantile(0.9))), p99 \(ms(p99)), p99.9 \(ms(figures.lag.quantile(0.999)))
            targets: ≥ 100000 events/s -> \(figures.writtenPerSecond >= 100_000 ? "met" : "NOT met"); p99 < 1 ms -> \((p99 ?? 1) < 0.001 ? "met" : "NOT met")

            """)
    }
}
