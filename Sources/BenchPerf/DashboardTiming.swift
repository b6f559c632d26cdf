import Catalog
import Dashboard
import Foundation
import Metrics
import Orchestrator
import Store

/// `bench perf dashboard`'s measurement: a synthetic database filled, then the static site
/// generated from it as `bench dashboard` does, and timed.
public enum DashboardTiming {
    public struct Figures: Sendable {
        public var site: SiteWriter.Summary
        public var seconds: Double
        /// Completed requests stored over every point (0 unless they are stored).
        public var requests: Int
    }

    /// Fills a database named after its shape in `folder`, generates its site beside it and times that.
    public static func measure(
        points: Int, views: Int, concurrencies: [Int] = [4, 8, 16, 32, 64, 128, 256, 512], requests: Bool = false,
        in folder: URL, catalog: Catalog, harnessVersion: String
    ) throws -> Figures {
        let name = "\(points)-\(views)\(requests ? "-detail" : "")"
        let store = try ResultStore(path: folder.appendingPathComponent("\(name).sqlite").path)
        try fill(store, points: points, views: views, concurrencies: concurrencies, requests: requests, harnessVersion: harnessVersion)
        let clock = ContinuousClock(), start = clock.now
        let site = try SimResidualSite.write(store: store, catalog: catalog, to: folder.appendingPathComponent("site-\(name)").path)
        let seconds = (clock.now - start) / .seconds(1)
        let stored = try requests ? store.points(run: nil).reduce(0) { $0 + ($1.metrics?.completed ?? 0) } : 0
        return Figures(site: site, seconds: seconds, requests: stored)
    }

    /// `points` ok points: 6 GPUs × 2 frameworks × the concurrencies per view and run, runs as many as it takes.
    /// With `requests`, each point stores 10 × concurrency requests of 128 tokens (else two requests' metrics only).
    static func fill(_ store: ResultStore, points: Int, views: Int, concurrencies: [Int], requests: Bool, harnessVersion: String) throws {
        let hardware = ["h100", "h200", "b200", "gb200", "mi300x", "mi355x"], frameworks = ["sglang", "vllm"]
        let models = ["dsr1", "llama70b", "gptoss"], precisions = ["fp8", "fp4"]
        let seqLens: [(Int, Int)] = [(1024, 1024), (1024, 8192), (8192, 1024)]
        let shapes: [(model: String, precision: String, seq: (Int, Int))] = (0..<views).map { index in
            (models[index % 3], precisions[index / 3 % 2], seqLens[index / 6 % 3])
        }
        var stored = 0, runIndex = 0
        while stored < points {
            let run = try store.beginRun(NewRun(trigger: "perf", harnessVersion: harnessVersion, host: "perf", matrixDigest: "perf", engine: "sim"))
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
                                return RequestRecord(
                                    index: index, start: start, end: start + length, promptTokens: shape.seq.0, requestedOutputTokens: tokens,
                                    events: (1...tokens).map { .init(time: start + Int64(tpot * 1e9 * Double($0)), tokens: 1) },
                                    usageCompletionTokens: tokens)
                            }
                            let key = "\(shape.model)-\(shape.precision)-\(shape.seq.0)-\(shape.seq.1)-\(gpu)-\(framework)"
                            let deployment = StoredDeployment(
                                naturalKey: key, config: key, model: shape.model, precision: shape.precision,
                                hardware: gpu, framework: framework, gpus: 8, description: "TP8", tp: 8, ep: 1,
                                dpAttention: false, specDecoding: "none", disaggregated: false)
                            _ = try store.record(
                                StoredPoint(
                                    deployment: deployment, isl: shape.seq.0, osl: shape.seq.1, concurrency: conc, status: .ok,
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
