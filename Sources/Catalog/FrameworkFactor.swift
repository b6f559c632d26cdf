/// One fitted effect on how much faster (above 1) or slower than the simulator's roofline an engine
/// runs, fitted to published figures by `bench perf sim-calibration --write-factors` (each value lists
/// the figures it came from). A deployment's speed factor is the **product** of every entry that
/// matches it, and the simulator divides every step's time by that product:
///
/// - `all`; one per GPU generation (`hopper`), engine (`sglang`), precision (`fp8`), kernel path
///   (`moe` or `dense`: MoE models run grouped expert GEMMs at small per-expert batches, dense models
///   one large GEMM per layer) and model (`dsr1`: attention kind, expert shapes), the main effects;
/// - `<generation>/<framework>` and `<generation>/<framework>/<precision>`, what one engine does on
///   one generation beyond the main effects;
/// - `mtp`, for deployments decoding speculatively with a draft head: what the simulator's MTP model
///   (a fixed acceptance length, the draft head's passes as fixed per-layer cost) misses of real
///   acceptance and drafting cost.
///
/// An additive model in log space, not a most-specific lookup, so an engine seen on other GPUs and a
/// GPU seen with other engines still say something about a pairing no figure covers.
///
/// One more entry, `compute`, is not an effect: it divides only the compute (FLOP) side of each step's
/// roofline, for every aggregated engine. The catalog's compute efficiency was calibrated on the
/// prefill and decode pools of disaggregated deployments, which run steps of one kind; an aggregated
/// engine mixing prefill chunks into its decode steps reaches a smaller share of it, while its
/// memory-bound decode comes close to its roofline. One speed factor per engine could not serve both
/// (docs/simulator.md). Pools of a disaggregated deployment keep the catalog's compute rate.
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

    /// The entry dividing the compute side of every step.
    public static let computeEntry = "compute"
    /// The effect of speculative decoding with a draft head.
    public static let speculativeEntry = "mtp"

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
    /// A deployment's fitted speed factor (the product of the effects present) with the entries it
    /// multiplied; 1 and none when no entry applies.
    public func frameworkFactor(_ key: FactorKey) -> (factor: Double, entries: [String]) {
        let present = key.effectNames.filter { frameworkFactors[$0] != nil }
        return (present.reduce(1) { $0 * frameworkFactors[$1]!.factor }, present)
    }

    /// What the compute side of an aggregated engine's steps is divided by when its factors apply (1 without an entry).
    public var computeSpeed: Double { frameworkFactors[FrameworkFactor.computeEntry]?.factor ?? 1 }
}
