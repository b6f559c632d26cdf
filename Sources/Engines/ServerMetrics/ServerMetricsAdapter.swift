/// Whose metric names a scrape carries, and so how its cache fields are read: InferenceX's adapters
/// (utils/agentic/aggregation/backends: dynamo_vllm, atom, sglang, vllm) re-read in Swift.
public enum ServerMetricsAdapter: String, Sendable, Codable, CaseIterable {
    case dynamo, atom, sglang, vllm

    /// The deployment's framework when its names are in the scrape (the simulator exposes both
    /// vLLM's and SGLang's), else InferenceX's order: Dynamo, ATOM, SGLang, vLLM.
    static func detect(names: Set<String>, framework: String) -> ServerMetricsAdapter? {
        let framework = framework.lowercased()
        let present = allCases.filter { adapter in names.contains { adapter.owns($0) } }
        if framework.hasPrefix("dynamo") { return .dynamo }
        if let named = present.first(where: { framework.contains($0.rawValue) }) { return named }
        if let first = present.first { return first }
        // No metrics at all: InferenceX still names the framework's adapter.
        return names.isEmpty ? allCases.first { $0 != .dynamo && framework == $0.rawValue } : nil
    }

    private func owns(_ name: String) -> Bool {
        switch self {
        case .dynamo: return name.hasPrefix("dynamo_")
        case .atom: return name.hasPrefix("atom:") || name.hasPrefix("atom_")
        case .sglang: return name.hasPrefix("sglang:")
        case .vllm: return name.hasPrefix("vllm:")
        }
    }

    func fill(_ delta: inout ServerMetricsDelta, from series: SeriesValues) {
        switch self {
        case .vllm: delta.readVLLM(series, prompt: ["vllm:prompt_tokens"], generation: ["vllm:generation_tokens"])
        case .dynamo: delta.readDynamo(series)
        case .sglang: delta.readSGLang(series)
        case .atom: delta.readATOM(series)
        }
    }

    /// Usage gauges come as 0–1 or 0–100; above 1.5 is read as percent (InferenceX's normalize_fraction).
    static func fraction(_ value: Double?) -> Double? {
        guard let value else { return nil }
        return value > 1.5 ? value / 100 : value
    }
}
