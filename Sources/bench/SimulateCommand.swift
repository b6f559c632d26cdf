import ArgumentParser
import Foundation
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
        let timelines = clock.runClosedLoop(shapes: shapes, concurrency: concurrency)
        let wall = ContinuousClock.now - started
        if let timeline {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            var data = Data()
            for entry in timelines {
                data.append(try encoder.encode(entry))
                data.append(0x0A)
            }
            try data.write(to: URL(fileURLWithPath: timeline))
        }
        let summary = SimSummary(timelines: timelines, gpus: cluster.gpus)
        if json {
            Console.line(summary.json(wallSeconds: wall.seconds))
        } else {
            Console.line(summary.text(wallSeconds: wall.seconds))
        }
    }
}

/// The headline numbers of a simulated point (the full metric set is LoadGen/Metrics' job).
struct SimSummary {
    var requests: Int
    var outputTokens: Int
    var durationSeconds: Double
    var medianTTFTms: Double
    var medianTPOTms: Double
    var totalPerGPU: Double
    var outputPerGPU: Double

    init(timelines: [RequestTimeline], gpus: Int) {
        let start = timelines.map(\.arrival).min() ?? 0
        let end = timelines.compactMap(\.tokenTimes.last).max() ?? start
        durationSeconds = Double(end - start) / 1e9
        requests = timelines.count
        outputTokens = timelines.reduce(0) { $0 + $1.tokenTimes.count }
        let inputTokens = timelines.reduce(0) { $0 + $1.promptTokens }
        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            return sorted.isEmpty ? .nan : sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
        medianTTFTms = median(timelines.compactMap { timeline in timeline.firstTokenTime.map { Double($0 - timeline.arrival) / 1e6 } })
        medianTPOTms = median(timelines.compactMap { timeline in
            guard timeline.tokenTimes.count > 1, let first = timeline.tokenTimes.first, let last = timeline.tokenTimes.last else { return nil }
            return Double(last - first) / 1e6 / Double(timeline.tokenTimes.count - 1)
        })
        totalPerGPU = Double(inputTokens + outputTokens) / durationSeconds / Double(gpus)
        outputPerGPU = Double(outputTokens) / durationSeconds / Double(gpus)
    }

    var interactivity: Double { 1000 / medianTPOTms }

    func text(wallSeconds: Double) -> String {
        String(format: """
            requests %d, output tokens %d, simulated duration %.2f s (computed in %.3f s)
            median TTFT %.1f ms, median TPOT %.2f ms, interactivity %.1f tok/s/user
            throughput per GPU: %.1f total tok/s, %.1f output tok/s
            """, requests, outputTokens, durationSeconds, wallSeconds, medianTTFTms, medianTPOTms, interactivity, totalPerGPU, outputPerGPU)
    }

    func json(wallSeconds: Double) -> String {
        String(format: "{\"requests\":%d,\"output_tokens\":%d,\"duration_s\":%.6f,\"median_ttft_ms\":%.4f,\"median_tpot_ms\":%.4f,\"interactivity\":%.4f,\"tput_per_gpu\":%.4f,\"output_tput_per_gpu\":%.4f,\"wall_s\":%.6f}",
               requests, outputTokens, durationSeconds, medianTTFTms, medianTPOTms, interactivity, totalPerGPU, outputPerGPU, wallSeconds)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
