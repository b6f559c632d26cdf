import Foundation
import Matrix
import Metrics

/// Metadata a bare result file may lack, given on the command line (`bench ingest --hardware …`).
public struct IngestMetadata: Sendable {
    public var hardware: String?
    public var framework: String?
    public var precision: String?
    public var model: String?
    public var config: String?
    public var gpus: Int?
    public var tp: Int?
    public var ep: Int?
    public var dpAttention: Bool?
    public var isl: Int?
    public var osl: Int?
    public var concurrency: Int?

    public init() {}
}

/// Points read from another tool's result JSON: vLLM's or SGLang's `--save-result` (one object
/// with `max_concurrency`, `total_token_throughput`, `*_ms` latencies; also what `bench load`
/// writes) or InferenceX's aggregated results (an array of objects with `hw`, `tp`, `conc`,
/// `tput_per_gpu` and latencies in seconds).
public enum ResultFile {
    public static func points(json data: Data, path: String, metadata: IngestMetadata) throws(StoreError) -> [StoredPoint] {
        guard let value = try? JSONSerialization.jsonObject(with: data) else {
            throw StoreError.failed(path: path, detail: "not JSON; bench ingest reads result JSON files and bench databases")
        }
        let objects = (value as? [[String: Any]]) ?? ((value as? [String: Any]).map { [$0] } ?? [])
        guard !objects.isEmpty else { throw StoreError.failed(path: path, detail: "no result objects in the file") }
        var points: [StoredPoint] = []
        for (index, object) in objects.enumerated() {
            let entry = Entry(object: object, metadata: metadata, path: objects.count > 1 ? "\(path)[\(index)]" : path)
            points.append(try object["tput_per_gpu"] != nil ? entry.inferenceX() : entry.vllm())
        }
        return points
    }

    private struct Entry {
        let object: [String: Any]
        let metadata: IngestMetadata
        let path: String

        func number(_ key: String) -> Double? {
            if let value = object[key] as? NSNumber { return value.doubleValue }
            if let text = object[key] as? String { return Double(text) }
            return nil
        }

        func text(_ key: String) -> String? {
            if let value = object[key] as? String { return value }
            return (object[key] as? NSNumber)?.stringValue
        }

        func require<T>(_ value: T?, _ what: String, flag: String) throws(StoreError) -> T {
            guard let value else {
                throw StoreError.failed(path: path, detail: "the file does not say its \(what); pass \(flag)")
            }
            return value
        }

        /// Latencies named `<stat>_<metric><suffix>`, scaled to seconds.
        func distribution(_ metric: String, suffix: String, scale: Double, count: Int) -> Distribution? {
            guard let median = number("median_\(metric)\(suffix)") else { return nil }
            let mean = number("mean_\(metric)\(suffix)") ?? median
            return Distribution(count: count, mean: mean * scale, median: median * scale, std: (number("std_\(metric)\(suffix)") ?? 0) * scale,
                                p90: (number("p90_\(metric)\(suffix)") ?? median) * scale, p99: (number("p99_\(metric)\(suffix)") ?? median) * scale,
                                p999: (number("p99.9_\(metric)\(suffix)") ?? number("p99_\(metric)\(suffix)") ?? median) * scale)
        }

        func vllm() throws(StoreError) -> StoredPoint {
            let completed = Int(number("completed") ?? 0)
            let failed = Int(number("failed") ?? (number("num_prompts").map { $0 - Double(completed) } ?? 0))
            let input = Int(number("total_input_tokens") ?? 0), output = Int(number("total_output_tokens") ?? 0)
            let conc = try require(metadata.concurrency ?? number("max_concurrency").map { Int($0) }, "concurrency", flag: "--conc")
            let gpus = try require(metadata.gpus ?? metadata.tp, "GPU count", flag: "--gpus")
            let isl = try require(metadata.isl ?? (completed > 0 ? Int((Double(input) / Double(completed)).rounded()) : nil), "ISL", flag: "--isl")
            let osl = try require(metadata.osl ?? (completed > 0 ? Int((Double(output) / Double(completed)).rounded()) : nil), "OSL", flag: "--osl")
            let metrics = PointMetrics(
                reportedCompleted: completed, failed: max(0, failed), inputTokens: input, outputTokens: output,
                durationSeconds: number("duration") ?? 0, requestThroughput: number("request_throughput") ?? 0,
                inputThroughput: (number("total_token_throughput") ?? 0) - (number("output_throughput") ?? 0),
                outputThroughput: number("output_throughput") ?? 0, gpus: gpus,
                ttft: distribution("ttft", suffix: "_ms", scale: 1e-3, count: completed),
                tpot: distribution("tpot", suffix: "_ms", scale: 1e-3, count: completed),
                itl: distribution("itl", suffix: "_ms", scale: 1e-3, count: completed),
                e2el: distribution("e2el", suffix: "_ms", scale: 1e-3, count: completed))
            let model = try require(metadata.model ?? text("model_id"), "model", flag: "--model")
            return try point(model: model, gpus: gpus, isl: isl, osl: osl, conc: conc, metrics: metrics, framework: text("backend"))
        }

        func inferenceX() throws(StoreError) -> StoredPoint {
            let tp = metadata.tp ?? number("tp").map { Int($0) }
            let gpus = try require(metadata.gpus ?? tp, "GPU count", flag: "--gpus")
            let conc = try require(metadata.concurrency ?? number("conc").map { Int($0) }, "concurrency", flag: "--conc")
            let isl = try require(metadata.isl ?? number("isl").map { Int($0) }, "ISL", flag: "--isl")
            let osl = try require(metadata.osl ?? number("osl").map { Int($0) }, "OSL", flag: "--osl")
            let total = (number("tput_per_gpu") ?? 0) * Double(gpus)
            let output = (number("output_tput_per_gpu") ?? 0) * Double(gpus)
            let metrics = PointMetrics(
                reportedCompleted: 0, failed: 0, inputTokens: 0, outputTokens: 0, durationSeconds: 0, requestThroughput: 0,
                inputThroughput: total - output, outputThroughput: output, gpus: gpus,
                ttft: distribution("ttft", suffix: "", scale: 1, count: 0), tpot: distribution("tpot", suffix: "", scale: 1, count: 0),
                itl: distribution("itl", suffix: "", scale: 1, count: 0), e2el: distribution("e2el", suffix: "", scale: 1, count: 0))
            let model = try require(metadata.model ?? text("model"), "model", flag: "--model")
            return try point(model: model, gpus: gpus, isl: isl, osl: osl, conc: conc, metrics: metrics, framework: text("framework"))
        }

        func point(model: String, gpus: Int, isl: Int, osl: Int, conc: Int, metrics: PointMetrics, framework fileFramework: String?) throws(StoreError) -> StoredPoint {
            let hardware = try require(metadata.hardware ?? text("hw"), "hardware", flag: "--hardware")
            let framework = try require(metadata.framework ?? fileFramework, "framework", flag: "--framework")
            let precision = try require(metadata.precision ?? text("precision"), "precision", flag: "--precision")
            let tp = metadata.tp ?? number("tp").map { Int($0) }
            let ep = metadata.ep ?? number("ep").map { Int($0) }
            let dpAttention = metadata.dpAttention ?? text("dp_attention").map { $0.lowercased() == "true" }
            let config = metadata.config ?? "\(model)-\(precision)-\(hardware)-\(framework)"
            let key = [config, model, precision, hardware, framework, "\(gpus)", "\(tp ?? 0)", "\(ep ?? 0)", "\(dpAttention ?? false)",
                       "\(isl)", "\(osl)"].joined(separator: "\u{1F}")
            let deployment = StoredDeployment(
                naturalKey: "ingested-" + StableHash.hex(key), config: config, model: model, precision: precision,
                hardware: hardware, framework: framework, gpus: gpus,
                description: tp.map { "TP\($0)" + ((ep ?? 1) > 1 ? " EP\(ep!)" : "") + (dpAttention == true ? " DPA" : "") } ?? "\(gpus) GPUs",
                tp: tp, ep: ep, dpAttention: dpAttention)
            return StoredPoint(deployment: deployment, isl: isl, osl: osl, concurrency: conc, status: "ok", engineCommand: "ingested from \(path)",
                               metrics: metrics, requests: [], pointKey: deployment.naturalKey + "-c\(conc)")
        }
    }
}

extension ResultStore {
    /// Stores points read from a result file into the run named `uid` (created when new);
    /// points that run already has are skipped, so ingesting a file twice adds nothing.
    public func ingest(_ points: [StoredPoint], runUID uid: String, source: String, harnessVersion: String, host: String) throws(StoreError) -> IngestCount {
        var count = IngestCount()
        let existing = try read { db in try Int64.fetchOne(db, sql: "SELECT id FROM run WHERE uid = ?", arguments: [uid]) }
        let run: Int64
        if let existing {
            run = existing
        } else {
            run = try beginRun(NewRun(trigger: "ingest", harnessVersion: harnessVersion, host: host, matrixDigest: source, uid: uid, clock: "ingested"))
            count.runs = 1
        }
        let stored = Set(try slots(run: run).map(\.pointKey))
        for point in points {
            if stored.contains(point.pointKey) {
                count.skipped += 1
                continue
            }
            _ = try record(point, run: run)
            count.points += 1
        }
        if existing == nil { try finishRun(run, status: "finished") }
        return count
    }
}
