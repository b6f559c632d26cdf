/// A deployment's parallel layout as InferenceX's result rows describe it: single-node tp, pp, dcp,
/// pcp, ep and DP attention, or a prefill and a decode pool. GPU counts follow InferenceX's
/// `utils/process_result.py`: tp·pp·pcp per worker (dcp reuses the TP GPUs).
public struct StoredTopology: Sendable, Codable, Equatable {
    public struct Pool: Sendable, Codable, Equatable {
        public var workers: Int
        public var tp: Int
        public var ep: Int
        public var dpAttention: Bool
        public var pp: Int
        public var dcp: Int
        public var pcp: Int
        /// Most sequences one worker runs at once, where the deployment's recipe sets it (a TensorRT-LLM
        /// decode `max_batch_size` times its attention-DP ranks); nil: the engine's own limit.
        public var maxRunning: Int?
        /// MTP draft tokens per step, where the recipe names them; nil: the simulator's default.
        public var draftTokens: Int?

        public init(
            workers: Int, tp: Int, ep: Int, dpAttention: Bool, pp: Int = 1, dcp: Int = 1, pcp: Int = 1, maxRunning: Int? = nil,
            draftTokens: Int? = nil
        ) {
            self.workers = workers
            self.tp = tp
            self.ep = ep
            self.dpAttention = dpAttention
            self.pp = pp
            self.dcp = dcp
            self.pcp = pcp
            self.maxRunning = maxRunning
            self.draftTokens = draftTokens
        }

        /// As a matrix pool counts them: DP attention with ep > tp (vLLM's DEP) spans ep GPUs.
        public var gpus: Int { workers * (dpAttention ? max(tp, ep) : tp) * pp * pcp }
    }

    public var tp: Int
    public var ep: Int
    public var dpAttention: Bool
    public var pp: Int
    public var dcp: Int
    public var pcp: Int
    /// Multi-node deployments: both pools (a decode pool of 0 workers is an aggregated deployment).
    public var prefill: Pool?
    public var decode: Pool?

    public static func singleNode(tp: Int, ep: Int, dpAttention: Bool, pp: Int = 1, dcp: Int = 1, pcp: Int = 1) -> StoredTopology {
        StoredTopology(tp: tp, ep: ep, dpAttention: dpAttention, pp: pp, dcp: dcp, pcp: pcp, prefill: nil, decode: nil)
    }

    /// Single-node fields echo the decode pool, as the rest of the store does for multi-node deployments.
    public static func multiNode(prefill: Pool, decode: Pool) -> StoredTopology {
        StoredTopology(
            tp: decode.tp, ep: decode.ep, dpAttention: decode.dpAttention, pp: decode.pp, dcp: decode.dcp, pcp: decode.pcp,
            prefill: prefill, decode: decode)
    }

    public var isMultiNode: Bool { prefill != nil }

    /// GPUs of the whole deployment.
    public var gpus: Int {
        if let prefill, let decode { return prefill.gpus + decode.gpus }
        return tp * pp * pcp
    }

    /// Prefill and decode GPUs when they differ in role; nil when every GPU does both (single-node, or
    /// no decode workers: InferenceX then divides input and output by all GPUs).
    public var poolGPUs: (prefill: Int, decode: Int)? {
        guard let prefill, let decode, decode.gpus > 0 else { return nil }
        return (prefill.gpus, decode.gpus)
    }
}
