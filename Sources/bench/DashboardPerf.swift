import ArgumentParser
import Catalog
import Foundation
import Metrics
import Store

/// `bench perf dashboard`: the site's first-view weight with 5,000 stored points and its
/// generation time from 100,000 (budgets: ≤ 300 KB, < 5 s).
struct DashboardPerf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Generate dashboards from synthetic databases: first-view bytes with --first-view-points stored points (target ≤ 300 KB at 5,000) and generation time from --points (target < 5 s at 100,000).")

    @Option(help: "Stored points for the generation-time measurement.") var points = 100_000
    @Option(help: "Stored points for the first-view weight measurement.") var firstViewPoints = 5_000

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
            Console.line(String(format: "%7d stored points (%@): %d views, generated in %.2f s, first view (page + app.js + style.css) %.0f KB",
                                count, label, summary.views, seconds, Double(summary.firstViewBytes) / 1000))
        }
    }

    /// `points` ok points: 6 GPUs × 2 frameworks × 8 concurrencies per view and run, runs as many as it takes.
    static func fill(_ store: ResultStore, points: Int, views: Int) throws {
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
                        for (step, conc) in [4, 8, 16, 32, 64, 128, 256, 512].enumerated() {
                            guard stored < points else { break outer }
                            let tpot = 0.004 * Double(step + 1) * (1 + 0.01 * Double(runIndex % 7))
                            let records = (0..<2).map { index in
                                RequestRecord(index: index, start: 0, end: Int64(tpot * 1e9 * 64), promptTokens: shape.seq.0,
                                              requestedOutputTokens: 64, events: (1...64).map { .init(time: Int64(tpot * 1e9 * Double($0)), tokens: 1) },
                                              usageCompletionTokens: 64)
                            }
                            let key = "\(shape.model)-\(shape.precision)-\(shape.seq.0)-\(shape.seq.1)-\(gpu)-\(framework)"
                            let deployment = StoredDeployment(naturalKey: key, config: key, model: shape.model, precision: shape.precision,
                                                              hardware: gpu, framework: framework, gpus: 8, description: "TP8", tp: 8, ep: 1,
                                                              dpAttention: false, specDecoding: "none", disaggregated: false)
                            _ = try store.record(StoredPoint(deployment: deployment, isl: shape.seq.0, osl: shape.seq.1, concurrency: conc, status: .ok,
                                                             metrics: PointMetrics(records: records, concurrency: conc, gpus: 8), requests: [],
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
