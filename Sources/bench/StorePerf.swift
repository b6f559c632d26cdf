import ArgumentParser
import Foundation
import Metrics
import Store

/// `bench perf store`: how long one point with many requests takes to store, and how big it is.
struct StorePerf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Store points of N synthetic requests (OSL tokens each) in a fresh database; time per point and bytes per million requests (target: 10,000 requests < 100 ms, release build).")

    @Option(help: "Requests per point.") var requests = 10_000
    @Option(help: "Token events per request (its ITL samples are recomputed from them).") var osl = 256
    @Option(help: "Points to store (each timed on its own).") var points = 5

    func validate() throws {
        guard requests >= 1, osl >= 1, points >= 1 else { throw ValidationError("--requests, --osl and --points must be at least 1") }
    }

    func run() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-perf-store-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bench.sqlite").path
        let store = try ResultStore(path: path)
        let run = try store.beginRun(NewRun(trigger: "perf", harnessVersion: Bench.version, host: "perf", matrixDigest: "perf"))
        let records = (0..<requests).map { index -> RequestRecord in
            let start = Int64(index) * 1_000_000
            let events = (0..<osl).map { RequestRecord.TokenEvent(time: start + 80_000_000 + Int64($0) * 20_000_000 + Int64($0 % 7) * 1000, tokens: 1) }
            return RequestRecord(index: index, start: start, end: events.last!.time, promptTokens: 1024, requestedOutputTokens: osl,
                                 events: events, usageCompletionTokens: osl)
        }
        let metrics = PointMetrics(records: records, concurrency: 64, gpus: 8)
        var times: [Double] = []
        for index in 0..<points {
            let deployment = StoredDeployment(naturalKey: "perf", config: "perf", model: "dsr1", precision: "fp8", hardware: "h200",
                                              framework: "sim", gpus: 8, description: "perf")
            let point = StoredPoint(deployment: deployment, isl: 1024, osl: osl, concurrency: 64 + index, status: .ok,
                                    metrics: metrics, requests: records, pointKey: "perf-\(index)")
            let clock = ContinuousClock(), start = clock.now
            _ = try store.record(point, run: run)
            times.append((clock.now - start) / .milliseconds(1))
        }
        let bytes = try FileManager.default.contentsOfDirectory(atPath: directory.path).reduce(0) { total, name in
            total + ((try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)[.size] as? Int) ?? 0)
        }
        let best = times.min() ?? .nan, median = Distribution.median(times) ?? .nan
        let perMillion = Double(bytes) / Double(requests * points) * 1e6
        Console.write("""
        \(points) points × \(requests) requests × \(osl) token events, one transaction per point
        store one point: best \(String(format: "%.1f", best)) ms, median \(String(format: "%.1f", median)) ms
        database (with WAL): \(bytes / 1024) KiB, \(String(format: "%.2f", perMillion / 1e9)) GB per million requests (\(String(format: "%.1f", Double(bytes) / Double(requests * points * osl))) bytes per token event)
        target: 10,000 requests < 100 ms -> \(requests >= 10_000 && median < 100 ? "met" : requests < 10_000 ? "not measured (fewer requests)" : "NOT met")

        """)
    }
}
