/// A model's architecture figures, as the simulated engine and the cost maths need them.
public struct ModelSpec: Codable, Sendable, Equatable {
    public var name: String = ""
    public var displayName: String
    /// Hugging Face ids this entry stands for, so `model:` in a matrix can name it too.
    public var hfIDs: [String]
    public var totalParamsB: Double
    public var activeParamsB: Double
    public var layers: Int
    public var denseLayers: Int?
    public var hidden: Int
    public var queryHeads: Int
    public var kvHeads: Int?
    public var headDim: Int?
    public var ffn: Int?
    public var vocab: Int
    /// `mla` (DeepSeek latent attention) or `gqa`.
    public var attention: String
    public var kvLoraRank: Int?
    public var ropeHeadDim: Int?
    public var slidingWindow: Int?
    public var slidingLayers: Int?
    public var kvBytesPerToken: KVBytes
    public var kvBytesPerSequenceSliding: KVBytes?
    public var moe: MoESpec?
    public var mtpLayers: Int?
    public var decodeGFLOPPerToken: Double
    /// Attention FLOPs (millions) one token spends on each earlier token of its context.
    public var attentionMFLOPPerContextToken: Double
    /// The same for a decoding token; differs where decode uses another kernel (MLA's absorbed form).
    public var decodeAttentionMFLOPPerContextToken: Double
    /// The longest prompt plus output the model accepts.
    public var maxContext: Int
    public var sources: [String: String]

    public static let requiredSourceGroups = ["architecture", "kv", "flops"]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case displayName = "display-name", hfIDs = "hf-ids"
        case totalParamsB = "total-params-b", activeParamsB = "active-params-b"
        case layers, denseLayers = "dense-layers", hidden, queryHeads = "query-heads"
        case kvHeads = "kv-heads", headDim = "head-dim", ffn, vocab, attention
        case kvLoraRank = "kv-lora-rank", ropeHeadDim = "rope-head-dim"
        case slidingWindow = "sliding-window", slidingLayers = "sliding-layers"
        case kvBytesPerToken = "kv-bytes-per-token", kvBytesPerSequenceSliding = "kv-bytes-per-sequence-sliding"
        case moe, mtpLayers = "mtp-layers", decodeGFLOPPerToken = "decode-gflop-per-token"
        case attentionMFLOPPerContextToken = "attention-mflop-per-context-token"
        case decodeAttentionMFLOPPerContextToken = "decode-attention-mflop-per-context-token", maxContext = "max-context", sources
    }
}

public struct KVBytes: Codable, Sendable, Equatable {
    public var bf16: Int
    public var fp8: Int
}

public struct MoESpec: Codable, Sendable, Equatable {
    public var routedExperts: Int
    public var sharedExperts: Int
    public var topK: Int
    public var expertWidth: Int?
    public var expertParamsM: Double?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case routedExperts = "routed-experts", sharedExperts = "shared-experts", topK = "top-k"
        case expertWidth = "expert-width", expertParamsM = "expert-params-m"
    }
}
