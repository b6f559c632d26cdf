/// What a deployment's fitted speed effects (FrameworkFactor) are keyed on.
public struct FactorKey: Sendable, Equatable {
    public var generation: String
    /// The engine family (InferenceX's `dynamo-sglang` or `sglang-disagg` run SGLang).
    public var framework: String
    public var precision: String
    /// The catalog's model name.
    public var model: String
    public var moe: Bool
    /// The deployment decodes speculatively with a draft head (MTP).
    public var speculative: Bool

    public init(generation: String, framework: String, precision: String, model: String, moe: Bool, speculative: Bool = false) {
        self.generation = generation
        self.framework = FrameworkFactor.engineFamily(framework)
        self.precision = precision.lowercased()
        self.model = model
        self.moe = moe
        self.speculative = speculative
    }

    /// The effects that apply, general first; `mtp` only for speculative decoding.
    public var effectNames: [String] {
        ["all", generation, framework, precision, moe ? "moe" : "dense", model, "\(generation)/\(framework)", "\(generation)/\(framework)/\(precision)"]
            + (speculative ? [FrameworkFactor.speculativeEntry] : [])
    }
}
