import ArgumentParser
import BenchPerf
import Foundation
import Metrics

/// `bench perf store`: how long one point with many requests takes to store, and how big it is.
struct StorePerf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract:
            "Store points of N synthetic requests (OSL tokens each) in a fresh database; time per point and bytes per million requests (target: 10,000 requests < 100 ms, release build)."
    )

    @Option(help: "Requests per point.") var requests = 10_000
    @Option(help: "Token events per request (its ITL samples are recomputed from them).") var osl = 256
    @Option(help: "Points to store (each timed on its own).") var points = 5

    func validate() throws {
        guard requests >= 1, osl >= 1, points >= 1 else { throw ValidationError("--requests, --osl and --points must be at least 1") }
    }

    func run() throws {
        let figures = try StoreTiming.measure(requests: requests, osl: osl, points: points, harnessVersion: Bench.version)
        let bytes = figures.bytes
        let best = figures.milliseconds.min() ?? .nan, median = Distribution.median(figures.milliseconds) ?? .nan
        let perMillion = Double(bytes) / Double(requests * points) * 1e6
        Console.write(
            """
            \(points) points × \(requests) requests × \(osl) token events, one transaction per point
            store one point: best \(String(format: "%.1f", best)) ms, median \(String(format: "%.1f", median)) ms
            database (with WAL): \(bytes / 1024) KiB, \(String(format: "%.2f", perMillion / 1e9)) GB per million requests (\(String(format: "%.1f", Double(bytes) / Double(requests * points * osl))) bytes per token event)
            target: 10,000 requests < 100 ms -> \(requests >= 10_000 && median < 100 ? "met" : requests < 10_000 ? "not measured (fewer requests)" : "NOT met")

            """)
    }
}
