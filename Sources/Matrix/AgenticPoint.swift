/// One `agentic-coding` benchmark point: a deployment replaying multi-turn coding traces for
/// `duration` seconds with `conc` session lanes. bench expands, lists and exports these exactly as
/// InferenceX does; `bench run --scenario agentic-coding` replays them (`benchmarkPoint`).
public struct AgenticPoint: Sendable {
    public var config: MatrixConfig
    public var entry: AgenticEntry
    public var conc: Int
    /// Seconds of replay; InferenceX's generator always uses one hour (the master file cannot set it).
    public var duration = Self.defaultDurationSeconds

    public static let defaultDurationSeconds = 3600

    /// The entry's own router and KV transfer engine, else the config's.
    public var router: ComponentMetadata? { entry.router ?? config.router }
    public var kvP2PTransfer: String? { entry.kvP2PTransfer ?? config.kvP2PTransfer }
    /// Where the search-space entry that produced it was written.
    public var source: String { entry.location.description }

    /// GPUs the deployment occupies, as for a fixed-seq-len deployment.
    public var gpus: Int {
        switch entry.topology {
        case let .singleNode(p): return p.gpus
        case let .multiNode(prefill, decode): return prefill.gpus + decode.gpus
        }
    }

    /// InferenceX's experiment name: `<prefix>_tp<tp>_conc<c>_<kvnone|kvdram-<backend>>[_spec-<s>]` single-node;
    /// `<prefix>_p<N>x<tp>[ep<ep>][dpa]_d…_conc<c>[_kvdram-<backend>]` multi-node.
    public var expName: String {
        let (mode, prefix, spec) = (entry.kvOffloading, config.modelPrefix, entry.specDecoding)
        let offload = mode == "none" ? "kvnone" : "kv\(mode)-\(entry.kvOffloadBackend?.name ?? "")"
        switch entry.topology {
        case let .singleNode(p):
            return "\(prefix)_tp\(p.tp)_conc\(conc)_\(offload)" + (spec == "none" ? "" : "_spec-\(spec)")
        case let .multiNode(prefill, decode):
            func tag(_ pool: WorkerPool, _ role: String) -> String {
                "\(role)\(pool.numWorker)x\(pool.tp)" + (pool.ep != 1 ? "ep\(pool.ep)" : "") + (pool.dpAttn ? "dpa" : "")
            }
            return "\(prefix)_\(tag(prefill, "p"))_\(tag(decode, "d"))_conc\(conc)" + (mode == "none" ? "" : "_\(offload)")
        }
    }

    /// Stable id of the content, e.g. `a-3f2a…`.
    public var id: String {
        var lines = [
            "scenario=agentic-coding", "config=\(config.key)", "image=\(config.image)", "model=\(config.model)",
            "model-prefix=\(config.modelPrefix)", "runner=\(config.runner)", "precision=\(config.precision)",
            "framework=\(config.framework)", "multinode=\(config.multinode)", "disagg=\(config.disagg)",
            "spec-decoding=\(entry.specDecoding)", "topology=\(entry.topology)", "kv-offloading=\(entry.kvOffloading)",
            "total-cpu-dram-gb=\(entry.totalCPUDRAMGB)", "duration=\(duration)", "conc=\(conc)",
        ]
        if let backend = entry.kvOffloadBackend { lines.append("kv-offload-backend=\(backend.label)") }
        if let router { lines.append("router=\(router.label)") }
        if let kvP2PTransfer { lines.append("kv-p2p-transfer=\(kvP2PTransfer)") }
        return "a-" + StableHash.hex(lines.joined(separator: "\n"))
    }
}
