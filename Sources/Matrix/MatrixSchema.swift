/// The keys an InferenceX master config may use at each level (its `utils/matrix_logic/validation.py`
/// schema). Anything else is an error that names the key and suggests the nearest one from the same level.
enum MatrixSchema {
    static let configKeys = [
        "image", "model", "model-prefix", "runner", "precision", "framework", "multinode",
        "disagg", "router", "kv-p2p-transfer", "scenarios", "seq-len-configs",
    ]
    static let requiredConfigKeys = ["image", "model", "model-prefix", "runner", "precision", "framework", "multinode"]
    static let fixedSeqLen = "fixed-seq-len"
    static let agenticCoding = "agentic-coding"
    static let scenarioTypes = [fixedSeqLen, agenticCoding]
    static let seqLenKeys = ["isl", "osl", "search-space"]
    static let concurrencyKeys = ["conc-start", "conc-end", "conc-list"]
    /// `moe-backend` is bench's own (older InferenceX files had it); InferenceX's current schema has no such key.
    static let singleNodeEntryKeys =
        ["tp", "ep", "dp-attn", "pp", "dcp-size", "pcp-size", "spec-decoding", "router", "moe-backend"]
        + concurrencyKeys
    static let multiNodeEntryKeys = ["prefill", "decode", "spec-decoding", "router", "kv-p2p-transfer", "moe-backend"] + concurrencyKeys
    static let agenticScenarioKeys = ["search-space", "dram-utilization"]
    static let agenticEntryKeys =
        [
            "tp", "ep", "dp-attn", "pp", "dcp-size", "pcp-size", "spec-decoding", "prefill", "decode",
            "kv-offloading", "kv-offload-backend", "router", "kv-p2p-transfer",
        ] + concurrencyKeys
    static let workerKeys = ["num-worker", "tp", "ep", "dp-attn", "pp", "dcp-size", "pcp-size", "hardware", "additional-settings"]
    static let requiredWorkerKeys = ["num-worker", "tp", "ep", "dp-attn"]
    static let specDecodingValues = ["none", "mtp", "draft_model"]
    static let kvOffloadingValues = ["none", "dram"]
}
