import ArgumentParser
import Catalog
import Foundation
import Metrics
import Store

/// `bench perf dashboard`: the site's first-view weight with 5,000 stored points, its generation
/// time from 100,000 (budgets: ≤ 300 KB, < 5 s), and the drill-down files' bytes per 1,000 points
/// that have their requests stored.
struct DashboardPerf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Generate dashboards from synthetic databases: first-view bytes with --first-view-points stored points (target ≤ 300 KB at 5,000), generation time from --points (target < 5 s at 100,000), drill-down bytes from --detail-points points with their requests.")

    @Option(help: "Stored points for the generation-time measurement.") var points = 100_000
    @Option(help: "Stored points for the first-view weight measurement.") var firstViewPoints = 5_000
    @Option(help: "Stored points with 10 × concurrency requests each (128 tokens; concurrency 1 to 128) for the drill-down size.")
    var detailPoints = 1_000

    func run() throws {
        let catalog = try Catalog.load()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-perf-dashboard-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (count, views, label) in [(firstViewPoints, 12, "spread over 12 views"), (firstViewPoints, 1, "all in one view"), (points, 12, "spread over 12 views")] {
            let db = folder.appendingPathComponent("\(count)-\(views).sqlite").path
            let store = try ResultStore(path: db)
            try Self.fill(store, points: count, views: views)
            let clock = ContinuousClock(), start = clock.now
            let summary = try DashboardCommand.write(store: store, catalog: catalog, out: folder.appendingPathComponent("site-\(count)-\(views)").path)
            let seconds = (clock.now - start) / .seconds(1)
            Console.line(String(format: "%7d stored points (%@): %d views, generated in %.2f s, first view (page + scripts + style.css) %.0f KB",
                                count, label, summary.views, seconds, Double(summary.firstViewBytes) / 1000))
        }
        let db = folder.appendingPathComponent("detail.sqlite").path
        let store = try ResultStore(path: db)
        try Self.fill(store, points: detailPoints, views: 12, concurrencies: [1, 2, 4, 8, 16, 32, 64, 128], requests: true)
        let clock = ContinuousClock(), start = clock.now
        let summary = try DashboardCommand.write(store: store, catalog: catalog, out: folder.appendingPathComponent("site-detail").path)
        let seconds = (clock.now - start) / .seconds(1)
        let requests = try store.points(run: nil).reduce(0) { $0 + ($1.metrics?.completed ?? 0) }
        Console.line(String(format: "%7d stored points with %d requests (10 × conc, 128 tokens each): generated in %.2f s; drill-downs for %d points, %.1f MB (.json + .js), %.1f MB per 1,000 points",
                            detailPoints, requests, seconds, summary.detailPoints, Double(summary.detailBytes) / 1e6,
                            Double(summary.detailBytes) / 1e6 / Double(max(1, summary.detailPoints)) * 1000))
    }

    /// `points` ok points: 6 GPUs × 2 frameworks × 8 concurrencies per view and run, runs as many as it takes.
    /// With `requests`, each point stores 10 × concurrency requests of 128 tokens (else two requests' metrics only).
    static func fill(_ store: ResultStore, points: Int, views: Int, concurrencies: [Int] = [4, 8, 16, 32, 64, 128, 256, 512],
                     requests: Bool = false) throws {
        let hardware = ["h100", "h200", "b200", "gb200", "mi300x", "mi355x"], frameworks = ["sglang", "vllm"]
        let models = ["dsr1", "llama70b", "gptoss"], precisions = ["fp8", "fp4"]
        let seqLens: [(Int, Int)] = [(1024, 1024), (1024, 8192), (8192, 1024)]
        let shapes: [(model: String, precision: String, seq: (Int, Int))] = (0..<views).map { index in
            (models[index % 3], precisions[index / 3 % 2], seqLens[index / 6 % 3])
        }
        var stored = 0, runIndex = 0
        while stored < points {
            let run = try store.beginRun(NewRun(trigger: "perf", harnessVersion: Bench.version, host: "perf", matrixDigest: "perf", engine: "sim"))
            runIndex += 1
            outer: for shape in shapes {
                for gpu in hardware {
                    for framework in frameworks {
                        for (step, conc) in concurrencies.enumerated() {
                            guard stored < points else { break outer }
                            let tpot = 0.004 * Double(step + 1) * (1 + 0.01 * Double(runIndex % 7))
                            let tokens = requests ? 128 : 64, length = Int64(tpot * 1e9 * Double(tokens))
                            // Closed loop: request i starts when request i - conc ends.
                            let records = (0..<(requests ? 10 * conc : 2)).map { index in
                                let start = Int64(index / conc) * length + Int64(index % conc) * 1_000_000
                                return RequestRecord(index: index, start: start, end: start + length, promptTokens: shape.seq.0, requestedOutputTokens: tokens,
                                                     events: (1...tokens).map { .init(time: start + Int64(tpot * 1e9 * Double($0)), tokens: 1) },
                                                     usageCompletionTokens: tokens)
                            }
                            let key = "\(shape.model)-\(shape.precision)-\(shape.seq.0)-\(shape.seq.1)-\(gpu)-\(framework)"
                            let deployment = StoredDeployment(naturalKey: key, config: key, model: shape.model, precision: shape.precision,
                                                              hardware: gpu, framework: framework, gpus: 8, description: "TP8", tp: 8, ep: 1,
                                                              dpAttention: false, specDecoding: "none", disaggregated: false)
                            _ = try store.record(StoredPoint(deployment: deployment, isl: shape.seq.0, osl: shape.seq.1, concurrency: conc, status: .ok,
                                                             metrics: PointMetrics(records: records, concurrency: conc, gpus: 8),
                                                             requests: requests ? records : [],
                                                             pointKey: "\(key)-\(conc)"), run: run)
                            stored += 1
                        }
                    }
                }
            }
            try store.finishRun(run, status: .finished)
        }
    }
}
