import Foundation
import Matrix
import Metrics

/// Points read from other tools' result files, by content: each JSON object's format is told by its
/// keys (`ResultFormat.detect`), its numbers read in the units that format uses, and its point's
/// settings taken from the file first, then from the flags, then from an InferenceX-style file name.
public enum ResultFile {
    /// `flags`: what the command line says. `hardware` turns runner labels (`hw: b200-nb`) into catalog GPUs.
    public static func points(
        json data: Data, path: String, flags: IngestSettings,
        hardware: HardwareNaming? = nil
    ) throws(StoreError) -> [StoredPoint] {
        let objects = try Self.objects(data, path: path)
        let fromName = IngestSettings(fileName: path) ?? IngestSettings()
        var points: [StoredPoint] = []
        var problems: [String] = []
        for (index, object) in objects.enumerated() {
            let place = objects.count > 1 ? "\(path)[\(index)]" : path
            let which = objects.count > 1 ? "object \(index) " : ""
            guard let format = ResultFormat.detect(object) else {
                problems.append(
                    "\(which)is not a result bench knows (keys: \(object.fields.keys.sorted().prefix(8).joined(separator: ", "))…); "
                        + "it reads vLLM, SGLang, AIPerf, guidellm, InferenceX and bench result JSON")
                continue
            }
            for reported in format.read(object) {
                switch reported.settings.filled(from: flags).filled(from: fromName).resolved() {
                case let .success(settings):
                    points.append(point(reported, settings: settings, path: place, hardware: hardware))
                case let .failure(missing):
                    problems.append("\(which)(\(format.rawValue)) does not say its \(missing.missing.joined(separator: ", "))")
                }
            }
        }
        // A file is taken whole or not at all: a mixed file never stops half-way in the database.
        guard problems.isEmpty else { throw StoreError.failed(path: path, detail: problems.joined(separator: "\n")) }
        guard !points.isEmpty else { throw StoreError.failed(path: path, detail: "no result objects in the file") }
        return points
    }

    /// A JSON array of objects, one object, or JSON lines (SGLang appends one object per run, and writes
    /// Python's `Infinity` for an unlimited request rate).
    static func objects(_ data: Data, path: String) throws(StoreError) -> [ResultObject] {
        let text = String(decoding: data, as: UTF8.self)
        let cleaned = text.replacingOccurrences(of: #":\s*-?(Infinity|NaN)\b"#, with: ": null", options: .regularExpression)
        if let value = try? JSONSerialization.jsonObject(with: Data(cleaned.utf8)) {
            if let list = value as? [[String: Any]] { return list.map(ResultObject.init) }
            if let object = value as? [String: Any] { return [ResultObject(fields: object)] }
        }
        let lines = cleaned.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }
        let objects = lines.compactMap { line in (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] }
        guard !objects.isEmpty, objects.count == lines.count else {
            throw StoreError.failed(
                path: path, detail: "not JSON (nor JSON lines); bench ingest reads result JSON files, folders of them, and bench databases")
        }
        return objects.map(ResultObject.init)
    }

    private static func point(
        _ reported: ReportedResult, settings resolved: ResolvedSettings, path: String,
        hardware: HardwareNaming?
    ) -> StoredPoint {
        let settings = resolved.settings
        let gpuName = hardware?.hardwareName(forRunner: resolved.hardware) ?? resolved.hardware
        let topology =
            settings.topology
            ?? settings.tp.map {
                .singleNode(tp: $0, ep: settings.ep ?? 1, dpAttention: settings.dpAttention ?? false)
            }
        let spec = settings.specDecoding ?? "none"
        let disaggregated = settings.disaggregated ?? false
        // Everything that defines the served configuration: two rows differing only in MTP, pools or
        // pp/dcp/pcp are two deployments.
        let identity = [
            resolved.config, resolved.model, resolved.precision, gpuName, resolved.framework, "\(resolved.gpus)", spec,
            "\(disaggregated)", topology.map { "\($0)" } ?? "-", "\(resolved.isl)", "\(resolved.osl)",
        ]
        let deployment = StoredDeployment(
            naturalKey: "ingested-" + StableHash.hex(identity.joined(separator: "\u{1F}")), config: resolved.config, model: resolved.model,
            precision: resolved.precision, hardware: gpuName, framework: resolved.framework, gpus: resolved.gpus,
            description: topology.map(Self.describe) ?? "\(resolved.gpus) GPUs", tp: topology?.tp ?? settings.tp,
            ep: topology?.ep ?? settings.ep, dpAttention: topology?.dpAttention ?? settings.dpAttention,
            specDecoding: spec, disaggregated: disaggregated, topology: topology)
        let metrics = reported.metrics(gpus: resolved.gpus, pools: topology?.poolGPUs)
        return StoredPoint(
            deployment: deployment, isl: resolved.isl, osl: resolved.osl, concurrency: resolved.concurrency, status: .ok,
            engineCommand: "ingested (\(reported.format.rawValue)) from \(path)", metrics: metrics, requests: [],
            pointKey: deployment.naturalKey + "-c\(resolved.concurrency)", power: reported.power)
    }

    /// `TP8 EP8 DPA PP2`, or `prefill 1×TP4 EP4, decode 2×TP8 EP8 DPA`.
    static func describe(_ topology: StoredTopology) -> String {
        func label(_ tp: Int, _ ep: Int, _ dpa: Bool, _ pp: Int) -> String {
            "TP\(tp)" + (ep > 1 ? " EP\(ep)" : "") + (dpa ? " DPA" : "") + (pp > 1 ? " PP\(pp)" : "")
        }
        guard let prefill = topology.prefill, let decode = topology.decode else {
            return label(topology.tp, topology.ep, topology.dpAttention, topology.pp)
        }
        return "prefill \(prefill.workers)×" + label(prefill.tp, prefill.ep, prefill.dpAttention, prefill.pp)
            + ", decode \(decode.workers)×" + label(decode.tp, decode.ep, decode.dpAttention, decode.pp)
    }
}

extension ResultFormat {
    /// The format an object's keys say it is, in an order that cannot confuse them: bench's own
    /// keys, InferenceX's row keys, AIPerf's and guidellm's nesting, then the flat latency layouts.
    static func detect(_ object: ResultObject) -> ResultFormat? {
        let keys = object.fields.keys
        if keys.contains(where: { $0.hasPrefix("bench_") }) { return .bench }
        if object.has("hw") && object.has("tput_per_gpu") { return .inferenceX }
        if let format = NestedResultReader.detect(object) { return format }
        if object.has("median_e2e_latency_ms") || object.has("mean_e2e_latency_ms") { return .sglang }
        if object.has("median_ttft_ms") { return .vllm }
        if object.has("median_ttft") || object.has("median_tpot") || object.has("median_e2el") { return .vllmSeconds }
        return nil
    }

    /// The results in one object (a guidellm report holds several benchmarks).
    func read(_ object: ResultObject) -> [ReportedResult] {
        switch self {
        case .inferenceX: return [InferenceXRowReader.read(object)]
        case .aiperf, .guidellm: return NestedResultReader.read(object, format: self)
        case .bench, .vllm, .vllmSeconds, .sglang: return [FlatResultReader.read(object, format: self)]
        }
    }
}
