/// One `agentic-coding` benchmark point: a deployment replaying multi-turn coding traces for
/// `duration` seconds with `conc` session lanes. bench expands, lists and exports these exactly as
/// InferenceX does; `bench run` reports them as skipped until trace replay exists.
public struct AgenticPoint: Sendable, Hashable {
    public var configKey: String
    public var image: String
    public var model: String
    public var modelPrefix: String
    public var runner: String
    public var precision: String
    public var framework: String
    public var multinode: Bool
    public var disagg: Bool
    public var topology: Topology
    public var specDecoding: String
    public var router: ComponentMetadata?
    public var kvP2PTransfer: String?
    public var kvOffloading: String
    public var kvOffloadBackend: ComponentMetadata?
    public var totalCPUDRAMGB: Int
    /// Seconds of replay; InferenceX's generator always uses one hour (the master file cannot set it).
    public var duration: Int
    public var conc: Int
    /// Where the search-space entry that produced it was written.
    public var source: String

    public static let defaultDurationSeconds = 3600

    /// GPUs the deployment occupies, as for a fixed-seq-len deployment.
    public var gpus: Int {
        switch topology {
        case let .singleNode(p): return p.gpus
        case let .multiNode(prefill, decode): return prefill.gpus + decode.gpus
        }
    }

    /// InferenceX's experiment name: `<prefix>_tp<tp>_conc<c>_<kvnone|kvdram-<backend>>[_spec-<s>]` single-node;
    /// `<prefix>_p<N>x<tp>[ep<ep>][dpa]_d…_conc<c>[_kvdram-<backend>]` multi-node.
    public var expName: String {
        let offload = kvOffloading == "none" ? "kvnone" : "kv\(kvOffloading)-\(kvOffloadBackend?.name ?? "")"
        switch topology {
        case let .singleNode(p):
            return "\(modelPrefix)_tp\(p.tp)_conc\(conc)_\(offload)" + (specDecoding == "none" ? "" : "_spec-\(specDecoding)")
        case let .multiNode(prefill, decode):
            func tag(_ pool: WorkerPool, _ role: String) -> String {
                "\(role)\(pool.numWorker)x\(pool.tp)" + (pool.ep != 1 ? "ep\(pool.ep)" : "") + (pool.dpAttn ? "dpa" : "")
            }
            return "\(modelPrefix)_\(tag(prefill, "p"))_\(tag(decode, "d"))_conc\(conc)" + (kvOffloading == "none" ? "" : "_\(offload)")
        }
    }

    /// Stable id of the content, e.g. `a-3f2a…`.
    public var id: String {
        var lines = ["scenario=agentic-coding", "config=\(configKey)", "image=\(image)", "model=\(model)", "model-prefix=\(modelPrefix)",
                     "runner=\(runner)", "precision=\(precision)", "framework=\(framework)", "multinode=\(multinode)",
                     "disagg=\(disagg)", "spec-decoding=\(specDecoding)", "topology=\(topology)", "kv-offloading=\(kvOffloading)",
                     "total-cpu-dram-gb=\(totalCPUDRAMGB)", "duration=\(duration)", "conc=\(conc)"]
        if let kvOffloadBackend { lines.append("kv-offload-backend=\(kvOffloadBackend.label)") }
        if let router { lines.append("router=\(router.label)") }
        if let kvP2PTransfer { lines.append("kv-p2p-transfer=\(kvP2PTransfer)") }
        return "a-" + StableHash.hex(lines.joined(separator: "\n"))
    }
}
