/// What makes a deployment an agentic-coding one: its KV offload tier and how long traces are
/// replayed. A fixed-seq-len deployment has none; an agentic one has no ISL/OSL (both 0).
public struct AgenticWorkload: Sendable, Hashable {
    /// `none` or `dram`.
    public var kvOffloading: String
    public var kvOffloadBackend: ComponentMetadata?
    /// The offload tier's CPU DRAM per server node (decimal GB), as InferenceX's generator computes it.
    public var totalCPUDRAMGB: Int
    /// Seconds of replay after warmup.
    public var durationSeconds: Int

    public init(kvOffloading: String, kvOffloadBackend: ComponentMetadata?, totalCPUDRAMGB: Int, durationSeconds: Int) {
        self.kvOffloading = kvOffloading
        self.kvOffloadBackend = kvOffloadBackend
        self.totalCPUDRAMGB = totalCPUDRAMGB
        self.durationSeconds = durationSeconds
    }

    /// The engines' context for agentic replay: the 256k-capped trace corpus InferenceX replays
    /// keeps input plus output within 256 Ki tokens.
    public static let maxModelLength = 262_144

    public var offloadsToDRAM: Bool { kvOffloading == "dram" }

    /// Lines appended to the deployment's canonical text (so fixed-seq-len ids never change).
    var canonicalLines: [String] {
        ["scenario=agentic-coding", "kv-offloading=\(kvOffloading)", "total-cpu-dram-gb=\(totalCPUDRAMGB)", "duration=\(durationSeconds)"]
            + (kvOffloadBackend.map { ["kv-offload-backend=\($0.label)"] } ?? [])
    }
}

public extension AgenticPoint {
    /// The point as the sweep runs it: a deployment with the agentic workload and no ISL/OSL, at `conc` lanes.
    var benchmarkPoint: BenchmarkPoint {
        let deployment = Deployment(
            configKey: config.key, image: config.image, model: config.model, modelPrefix: config.modelPrefix,
            runner: config.runner, precision: config.precision, framework: config.framework, multinode: config.multinode,
            disagg: config.disagg, router: router, kvP2PTransfer: kvP2PTransfer, topology: entry.topology,
            specDecoding: entry.specDecoding, moeBackend: nil, isl: 0, osl: 0,
            agentic: AgenticWorkload(
                kvOffloading: entry.kvOffloading, kvOffloadBackend: entry.kvOffloadBackend,
                totalCPUDRAMGB: entry.totalCPUDRAMGB, durationSeconds: duration))
        return BenchmarkPoint(deployment: deployment, conc: conc, source: source)
    }
}
