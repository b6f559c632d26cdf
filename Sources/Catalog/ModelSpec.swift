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
    /// How the per-token cache is laid out, which decides how tensor parallelism splits it:
    /// `mla` (one latent vector per layer, replicated on every TP rank) or `gqa` (split by KV head;
    /// MQA is `gqa` with one KV head). Sparse and linear attention are described by the fields below.
    public var attention: String
    public var kvLoraRank: Int?
    public var ropeHeadDim: Int?
    public var slidingWindow: Int?
    public var slidingLayers: Int?
    /// Cache bytes one context token adds, over the layers that keep a per-token cache only.
    public var kvBytesPerToken: KVBytes
    /// Cache a sequence holds whatever its length (sliding-window layers), read every decode step.
    public var kvBytesPerSequenceSliding: KVBytes?
    /// Layers with linear attention (Gated DeltaNet, KDA): a fixed-size state, no per-token cache.
    public var linearLayers: Int?
    /// Those layers' recurrent and convolution state for one sequence, in the dtype engines keep it
    /// in (named in `sources`; not the KV cache dtype). Read and written once per step.
    public var stateBytesPerSequence: Int?
    /// Attention reading only selected context tokens (DeepSeek sparse attention, CSA, MSA).
    public var sparseAttention: SparseAttentionSpec?
    public var moe: MoESpec?
    public var mtpLayers: Int?
    public var decodeGFLOPPerToken: Double
    /// Attention FLOPs (millions) one token spends on each earlier token of its context.
    public var attentionMFLOPPerContextToken: Double
    /// The same for a decoding token; differs where decode uses another kernel (MLA's absorbed form).
    public var decodeAttentionMFLOPPerContextToken: Double
    /// Attention FLOPs (millions) per token that do not grow with the context: linear-attention
    /// state updates, sliding-window branches (their window counted as always full).
    public var attentionMFLOPPerToken: Double?
    /// The longest prompt plus output the model accepts.
    public var maxContext: Int
    /// Checkpoint storage by tensor group per precision label (GB, scales included), where the
    /// layout is known; otherwise weights follow from the parameter counts and the label.
    public var weightsGB: [String: WeightGroups]?
    /// Bytes per routed-expert parameter per precision label, where the checkpoint stores experts
    /// narrower than its label says (DeepSeek-V4's "fp8" release keeps its experts in MXFP4).
    public var expertBytesPerParam: [String: Double]?
    /// What engines feed this checkpoint's 4-bit experts on GPUs with FP4 tensor cores, where that
    /// is wider than FP4 (gpt-oss's MXFP4 experts run with MXFP8 activations): their GEMMs run at
    /// that format's rate. Nil: FP4 activations, the FP4 rate.
    public var fp4Activations: ActivationFormat?
    public var sources: [String: String]

    /// An activation format a GEMM with 4-bit weights can run at.
    public enum ActivationFormat: String, Codable, Sendable, Equatable {
        case fp8, bf16
    }

    public static let requiredSourceGroups = ["architecture", "kv", "flops"]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case displayName = "display-name", hfIDs = "hf-ids"
        case totalParamsB = "total-params-b", activeParamsB = "active-params-b"
        case layers, denseLayers = "dense-layers", hidden, queryHeads = "query-heads"
        case kvHeads = "kv-heads", headDim = "head-dim", ffn, vocab, attention
        case kvLoraRank = "kv-lora-rank", ropeHeadDim = "rope-head-dim"
        case slidingWindow = "sliding-window", slidingLayers = "sliding-layers"
        case kvBytesPerToken = "kv-bytes-per-token", kvBytesPerSequenceSliding = "kv-bytes-per-sequence-sliding"
        case linearLayers = "linear-layers", stateBytesPerSequence = "state-bytes-per-sequence", sparseAttention = "sparse-attention"
        case moe, mtpLayers = "mtp-layers", decodeGFLOPPerToken = "decode-gflop-per-token"
        case attentionMFLOPPerContextToken = "attention-mflop-per-context-token"
        case decodeAttentionMFLOPPerContextToken = "decode-attention-mflop-per-context-token"
        case attentionMFLOPPerToken = "attention-mflop-per-token", maxContext = "max-context"
        case weightsGB = "weights-gb", expertBytesPerParam = "expert-bytes-per-param", fp4Activations = "fp4-activations", sources
    }
}

/// A checkpoint's bytes by where engines place them (GB): routed experts split over every GPU of
/// an instance; attention and embeddings split over tensor parallelism, or whole on each
/// DP-attention rank; dense MLPs, shared experts and routers split over tensor parallelism; the
/// MTP module loaded only when speculative decoding uses it.
public struct WeightGroups: Codable, Sendable, Equatable {
    public var experts: Double
    public var attention: Double
    public var dense: Double
    public var embeddings: Double
    public var mtp: Double?

    public init(experts: Double, attention: Double, dense: Double, embeddings: Double, mtp: Double? = nil) {
        (self.experts, self.attention, self.dense, self.embeddings, self.mtp) = (experts, attention, dense, embeddings, mtp)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case experts, attention, dense, embeddings, mtp
    }
}

public struct KVBytes: Codable, Sendable, Equatable {
    public var bf16: Int
    public var fp8: Int
}

/// Sparse attention: a light indexer scores every cached token, then the attention proper reads
/// only the best `selectedTokens` of them. The indexer's FLOPs per context token are the model's
/// `attention-mflop-per-context-token`; its keys, and any cache read whole, are `dense-read-bytes-per-token`.
public struct SparseAttentionSpec: Codable, Sendable, Equatable {
    /// Context tokens the attention proper covers at most (selected entries x tokens per entry).
    public var selectedTokens: Int
    /// Of `kv-bytes-per-token`, the bytes read for every context token; the rest is read for the selected ones only.
    public var denseReadBytesPerToken: KVBytes
    /// FLOPs (millions) the attention proper spends per selected context token, prefill and decode alike.
    public var mflopPerSelectedToken: Double

    enum CodingKeys: String, CodingKey, CaseIterable {
        case selectedTokens = "selected-tokens", denseReadBytesPerToken = "dense-read-bytes-per-token"
        case mflopPerSelectedToken = "mflop-per-selected-token"
    }
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
