import Foundation
import Metrics
import Store

/// `bench perf store`'s measurement: points of synthetic requests stored one transaction each in
/// a fresh database, each store timed, then the database's size on disk.
public enum StoreTiming {
    public struct Figures: Sendable {
        /// Per point, milliseconds.
        public var milliseconds: [Double]
        /// The database with its WAL.
        public var bytes: Int
    }

    public static func measure(requests: Int, osl: Int, points: Int, harnessVersion: String) throws -> Figures {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-perf-store-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ResultStore(path: directory.appendingPathComponent("bench.sqlite").path)
        let run = try store.beginRun(NewRun(trigger: "perf", harnessVersion: harnessVersion, host: "perf", matrixDigest: "perf"))
        let records = (0..<requests).map { index -> RequestRecord in
            let start = Int64(index) * 1_000_000
            let events = (0..<osl).map {
                RequestRecord.TokenEvent(time: start + 80_000_000 + Int64($0) * 20_000_000 + Int64($0 % 7) * 1000, tokens: 1)
            }
            return RequestRecord(
                index: index, start: start, end: events.last!.time, promptTokens: 1024, requestedOutputTokens: osl,
                events: events, usageCompletionTokens: osl)
        }
        let metrics = PointMetrics(records: records, concurrency: 64, gpus: 8)
        var times: [Double] = []
        for index in 0..<points {
            let deployment = StoredDeployment(
                naturalKey: "perf", config: "perf", model: "dsr1", precision: "fp8", hardware: "h200",
                framework: "sim", gpus: 8, description: "perf")
            let point = StoredPoint(
                deployment: deployment, isl: 1024, osl: osl, concurrency: 64 + index, status: .ok,
                metrics: metrics, requests: records, pointKey: "perf-\(index)")
            let clock = ContinuousClock(), start = clock.now
            _ = try store.record(point, run: run)
            times.append((clock.now - start) / .milliseconds(1))
        }
        let bytes = try FileManager.default.contentsOfDirectory(atPath: directory.path).reduce(0) { total, name in
            total + ((try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)[.size] as? Int) ?? 0)
        }
        return Figures(milliseconds: times, bytes: bytes)
    }
}
