/// How much faster (above 1) or slower than the simulator's roofline one engine runs on one GPU
/// generation and precision path, fitted to published figures by `bench perf sim-calibration
/// --write-factors` (each value lists the figures it came from). The simulator divides every step's
/// time by it.
///
/// Entries are named from general to specific: `all`, `<framework>`, `<generation>/<framework>`,
/// `<generation>/<framework>/<precision>`, `<generation>/<framework>/<precision>/<moe|dense>`; the
/// most specific one present applies. The last level is the kernel path: MoE models run grouped
/// expert GEMMs at small per-expert batches, dense models one large GEMM per layer.
public struct FrameworkFactor: Codable, Sendable, Equatable {
    public var name: String = ""
    public var factor: Double
    /// Ids of the published figures (published-figures.yaml) the value was fitted to.
    public var figures: [String]

    public init(name: String, factor: Double, figures: [String]) {
        self.name = name
        self.factor = factor
        self.figures = figures
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case factor, figures
    }

    /// The entry names to look up for one deployment, most specific first. Frameworks are reduced to
    /// their engine family (InferenceX's `dynamo-sglang` or `sglang-disagg` run SGLang).
    public static func lookupNames(generation: String, framework: String, precision: String, moe: Bool) -> [String] {
        let family = engineFamily(framework), precision = precision.lowercased()
        return [
            "\(generation)/\(family)/\(precision)/\(moe ? "moe" : "dense")", "\(generation)/\(family)/\(precision)",
            "\(generation)/\(family)", family, "all",
        ]
    }

    /// sglang, vllm, trt or atom: the engine a framework name runs (else the name itself).
    public static func engineFamily(_ framework: String) -> String {
        let name = framework.lowercased()
        for family in ["sglang", "vllm", "trt", "atom"] where name.contains(family) { return family }
        return name
    }
}

extension FrameworkFactor: KnownKeys {
    static var knownKeys: [String] { CodingKeys.allCases.map(\.rawValue) }
}

extension Catalog {
    /// The fitted factor for a deployment, with the entry it came from (1 and nil when none applies).
    public func frameworkFactor(generation: String, framework: String, precision: String, moe: Bool) -> (factor: Double, entry: String?) {
        for name in FrameworkFactor.lookupNames(generation: generation, framework: framework, precision: precision, moe: moe) {
            if let entry = frameworkFactors[name] { return (entry.factor, name) }
        }
        return (1, nil)
    }
}
