/// Which engine serves a deployment.
public enum EngineKind: String, Sendable, CaseIterable {
    /// `bench serve-sim` as the point's hardware.
    case sim
    case sglang
    case vllm
    case trt
    /// An already running OpenAI-compatible URL: nothing is launched or torn down.
    case external

    /// The native engine for a matrix `framework` (InferenceX spells them `sglang`, `vllm`,
    /// `trt`, and prefixes `dynamo-` for Dynamo-served ones); nil for one bench cannot launch.
    public init?(framework: String) {
        let name = framework.lowercased()
        let base = name.hasPrefix("dynamo-") ? String(name.dropFirst("dynamo-".count)) : name
        switch base {
        case "sglang": self = .sglang
        case "vllm": self = .vllm
        case "trt", "trtllm", "trt-llm", "tensorrt-llm": self = .trt
        default: return nil
        }
    }
}
