import Foundation

/// What defines a result's point: the file says some of it, flags and the file name the rest.
/// Every field is optional until `resolved` says which are still missing.
public struct IngestSettings: Sendable, Equatable {
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
    public var specDecoding: String?
    public var disaggregated: Bool?
    /// The whole layout, when the file gives it (InferenceX rows).
    public var topology: StoredTopology?

    public init() {}

    /// Fields set here win; the rest come from `fallback`.
    public func filled(from fallback: IngestSettings) -> IngestSettings {
        var merged = self
        merged.hardware = hardware ?? fallback.hardware
        merged.framework = framework ?? fallback.framework
        merged.precision = precision ?? fallback.precision
        merged.model = model ?? fallback.model
        merged.config = config ?? fallback.config
        merged.gpus = gpus ?? fallback.gpus
        merged.tp = tp ?? fallback.tp
        merged.ep = ep ?? fallback.ep
        merged.dpAttention = dpAttention ?? fallback.dpAttention
        merged.isl = isl ?? fallback.isl
        merged.osl = osl ?? fallback.osl
        merged.concurrency = concurrency ?? fallback.concurrency
        merged.specDecoding = specDecoding ?? fallback.specDecoding
        merged.disaggregated = disaggregated ?? fallback.disaggregated
        merged.topology = topology ?? fallback.topology
        return merged
    }

    /// InferenceX's result file names: `<model>_<precision>_<framework>_tp<N>_isl<I>_osl<O>_conc<C>[…].json`
    /// (e.g. `glm5_fp8_vllm_tp8_isl10240_osl128_conc16.json`); nil when the name does not follow it.
    public init?(fileName: String) {
        let stem = URL(fileURLWithPath: fileName).deletingPathExtension().lastPathComponent
        let parts = stem.split(separator: "_").map(String.init)
        guard let tpIndex = parts.firstIndex(where: { Self.value($0, prefix: "tp") != nil }), tpIndex >= 3,
            parts.count > tpIndex + 3,
            let tp = Self.value(parts[tpIndex], prefix: "tp"), let isl = Self.value(parts[tpIndex + 1], prefix: "isl"),
            let osl = Self.value(parts[tpIndex + 2], prefix: "osl"), let conc = Self.value(parts[tpIndex + 3], prefix: "conc")
        else { return nil }
        self.init()
        framework = parts[tpIndex - 1]
        precision = parts[tpIndex - 2]
        config = parts[..<(tpIndex - 2)].joined(separator: "_") + "-\(precision!)-\(framework!)"
        (self.tp, self.isl, self.osl, concurrency) = (tp, isl, osl, conc)
    }

    private static func value(_ part: String, prefix: String) -> Int? {
        guard part.hasPrefix(prefix) else { return nil }
        return Int(part.dropFirst(prefix.count)).flatMap { $0 > 0 ? $0 : nil }
    }

    /// The point's settings, or the flags that would supply what is still missing (all of them at once).
    func resolved() -> Result<ResolvedSettings, MissingSettings> {
        let gpus = gpus ?? topology?.gpus ?? tp
        var missing: [String] = []
        if hardware == nil { missing.append("hardware (--hardware)") }
        if framework == nil { missing.append("framework (--framework)") }
        if precision == nil { missing.append("precision (--precision)") }
        if model == nil { missing.append("model (--model)") }
        if gpus == nil { missing.append("GPU count (--gpus or --tp)") }
        if isl == nil { missing.append("ISL (--isl)") }
        if osl == nil { missing.append("OSL (--osl)") }
        if concurrency == nil { missing.append("concurrency (--conc)") }
        guard let hardware, let framework, let precision, let model, let gpus, let isl, let osl, let concurrency else {
            return .failure(MissingSettings(missing: missing))
        }
        return .success(
            ResolvedSettings(
                hardware: hardware, framework: framework, precision: precision, model: model,
                config: config ?? "\(model)-\(precision)-\(hardware)-\(framework)", gpus: gpus,
                isl: isl, osl: osl, concurrency: concurrency, settings: self))
    }
}

struct MissingSettings: Error {
    var missing: [String]
}

/// Settings with everything a point needs.
struct ResolvedSettings {
    var hardware, framework, precision, model, config: String
    var gpus, isl, osl, concurrency: Int
    var settings: IngestSettings
}
