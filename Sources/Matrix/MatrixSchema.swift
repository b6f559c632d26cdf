/// The keys an InferenceX master config may use at each level. Anything else is an error
/// that names the key and suggests the nearest one from the same level.
enum MatrixSchema {
    static let configKeys = [
        "image", "model", "model-prefix", "runner", "precision", "framework", "multinode",
        "disagg", "router", "kv-p2p-transfer", "scenarios", "seq-len-configs",
    ]
    static let requiredConfigKeys = ["image", "model", "model-prefix", "runner", "precision", "framework", "multinode"]
    /// The scenario type bench runs; others (e.g. `agentic-coding`) are listed as skipped.
    static let fixedSeqLen = "fixed-seq-len"
    static let seqLenKeys = ["isl", "osl", "search-space"]
    static let concurrencyKeys = ["conc-start", "conc-end", "conc-list"]
    static let singleNodeEntryKeys = ["tp", "ep", "dp-attn", "pp", "dcp-size", "pcp-size", "spec-decoding", "moe-backend"]
        + concurrencyKeys
    static let multiNodeEntryKeys = ["prefill", "decode", "spec-decoding", "moe-backend"] + concurrencyKeys
    static let workerKeys = ["num-worker", "tp", "ep", "dp-attn", "pp", "dcp-size", "pcp-size", "additional-settings"]
    static let requiredWorkerKeys = ["num-worker", "tp", "ep", "dp-attn"]
    static let specDecodingValues = ["none", "mtp", "draft_model"]
}
