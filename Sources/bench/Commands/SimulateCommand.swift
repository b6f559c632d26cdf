import ArgumentParser
import Foundation
import Matrix
import Metrics
import Orchestrator
import SimEngine

/// `bench simulate`: one benchmark point on the simulator's virtual clock, in milliseconds.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run one point on the simulated engine's virtual clock (no HTTP) and print its throughput and latency.")

    @OptionGroup var deployment: DeploymentOptions
    @Option(help: "Input tokens per request.") var isl: Int = 1024
    @Option(help: "Output tokens per request.") var osl: Int = 1024
    @Option(help: "Lengths drawn uniformly from [ratio·L, L], as InferenceX.") var randomRangeRatio: Double = 1
    @Option(help: "Requests in flight (closed loop).") var concurrency: Int = 64
    @Option(help: "Requests in all (default: 10 × concurrency, as InferenceX).") var numPrompts: Int?
    @Option(help: "Seed for lengths and MTP acceptance.") var seed: UInt64 = 0
    @Option(help: "Write every request's token times here (JSON lines, ns).") var timeline: String?
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        guard isl >= 1, osl >= 1, concurrency >= 1 else { throw ValidationError("--isl, --osl and --concurrency must be at least 1") }
        guard (0...1).contains(randomRangeRatio) else { throw ValidationError("--random-range-ratio must be between 0 and 1") }
        if let numPrompts, numPrompts < 1 { throw ValidationError("--num-prompts must be at least 1") }
    }

    func run() throws {
        let cluster = try deployment.cluster(seed: seed)
        if let reason = cluster.rejection(promptTokens: isl, outputTokens: osl) {
            throw ValidationError("ISL \(isl) + OSL \(osl) cannot run: \(reason)")
        }
        let started = ContinuousClock.now
        var clock = VirtualClock(cluster: cluster)
        let shapes = SimWorkload.shapes(count: numPrompts ?? 10 * concurrency, isl: isl, osl: osl, rangeRatio: randomRangeRatio, seed: seed)
        let run = clock.runClosedLoopCompact(shapes: shapes, concurrency: concurrency)
        let wall = ContinuousClock.now - started
        if let timeline {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            var data = Data()
            for entry in run.timelines {
                data.append(try encoder.encode(run.expanded(entry)))
                data.append(0x0A)
            }
            try data.write(to: URL(fileURLWithPath: timeline), options: .atomic)
        }
        let metrics = run.pointMetrics(concurrency: concurrency, gpus: cluster.gpus)
        Console.line(json ? metrics.simulateJSON(wallSeconds: wall.seconds) : metrics.simulateText(wallSeconds: wall.seconds))
    }
}

extension PointMetrics {
    func simulateText(wallSeconds: Double) -> String {
        func milliseconds(_ distribution: Distribution?) -> Double { (distribution?.median ?? .nan) * 1000 }
        return String(
            format: """
                requests %d, output tokens %d, simulated duration %.2f s (computed in %.3f s)
                median TTFT %.1f ms, median TPOT %.2f ms, interactivity %.1f tok/s/user
                throughput per GPU: %.1f total tok/s, %.1f output tok/s
                """, completed, outputTokens, durationSeconds, wallSeconds, milliseconds(ttft), milliseconds(tpot),
            interactivity ?? .nan, totalThroughputPerGPU ?? .nan, outputThroughputPerGPU ?? .nan)
    }

    func simulateJSON(wallSeconds: Double) -> String {
        JSONValue.object([
            ("requests", .int(completed)), ("output_tokens", .int(outputTokens)), ("duration_s", .number(durationSeconds)),
            ("median_ttft_ms", (ttft.map { $0.median * 1000 }).json), ("median_tpot_ms", (tpot.map { $0.median * 1000 }).json),
            ("interactivity", interactivity.json), ("tput_per_gpu", totalThroughputPerGPU.json),
            ("output_tput_per_gpu", outputThroughputPerGPU.json), ("wall_s", .number(wallSeconds)),
        ]).text
    }

}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
