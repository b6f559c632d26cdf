import ArgumentParser
import Catalog
import SimEngine

/// The flags that describe a simulated deployment, shared by `serve-sim` and `simulate`.
struct DeploymentOptions: ParsableArguments {
    @Option(help: "GPU, as a catalog name or alias (bench catalog list).") var hardware: String
    @Option(help: "Model, as a catalog name or Hugging Face id.") var model: String
    @Option(help: "Weight precision: bf16, fp8 or fp4.") var precision: String = "fp8"
    @Option(help: "Tensor parallel size.") var tp: Int = 1
    @Option(help: "Expert parallel size (divides tp).") var ep: Int = 1
    @Option(help: "Pipeline parallel size.") var pp: Int = 1
    @Flag(help: "Data-parallel attention (each rank keeps its own sequences' KV).") var dpAttn = false
    @Option(help: "KV cache precision: bf16 or fp8.") var kvCacheDtype: String = "bf16"
    @Option(help: "Speculative decoding: none or mtp.") var specDecoding: String = "none"
    @Option(help: "Draft tokens per step with --spec-decoding mtp (the MTP head's max_draft_len).")
    var draftTokens: Int = SpeculativeDecoding.deepSeekMTP.draftTokens
    @Option(help: "Mean tokens accepted per step with --spec-decoding mtp (default: 2.5 for three draft tokens, 2.17 for two, 1.69 for one).")
    var acceptanceLength: Double?
    @Flag(help: "Prefill and decode on separate worker pools.") var disagg = false
    @Option(help: "Prefill workers (with --disagg).") var prefillWorkers: Int = 1
    @Option(help: "TP of each prefill worker (with --disagg).") var prefillTp: Int = 8
    @Option(help: "EP of each prefill worker (with --disagg).") var prefillEp: Int = 1
    @Flag(help: "DP attention on prefill workers (with --disagg).") var prefillDpAttn = false
    @Option(help: "Decode workers (with --disagg).") var decodeWorkers: Int = 1
    @Option(help: "TP of each decode worker (with --disagg).") var decodeTp: Int = 8
    @Option(help: "EP of each decode worker (with --disagg).") var decodeEp: Int = 1
    @Flag(help: "DP attention on decode workers (with --disagg).") var decodeDpAttn = false
    @Option(help: "Most sequences one engine instance runs at once.") var maxRunningRequests: Int = 1024
    @Option(help: "Most sequences one decode worker runs at once (with --disagg; default: --max-running-requests).")
    var decodeMaxRunningRequests: Int?
    @Option(help: "Token budget per scheduler step (decode tokens plus prefill chunks).") var chunkedPrefillSize: Int = 8192
    @Option(help: "Longest prompt plus output accepted (default: the model's context).") var maxModelLen: Int?
    @Option(
        help:
            "Engine whose memory accounting the KV cache follows: sglang (mem-fraction-static), vllm or atom (gpu-memory-utilization), trt (free_gpu_memory_fraction); InferenceX framework names work too."
    )
    var framework = "sglang"
    @Option(help: "That engine's memory fraction (default: the engine's own default).") var memoryFraction: Double?
    @Flag(help: "Reuse the KV of earlier token-id prompts' 64-token blocks (vLLM's --enable-prefix-caching, SGLang's radix cache).")
    var enablePrefixCaching = false
    @Option(help: "KV offload to CPU memory: GB (1e9 bytes) of host memory for the whole deployment (InferenceX's total-cpu-dram-gb); needs --enable-prefix-caching.")
    var kvOffloadGb: Double?
    @Option(help: "Host link rate per GPU and direction for KV offload, GB/s (default: the catalog's host-link-gbps, PCIe or NVLink-C2C).")
    var kvOffloadGbps: Double?
    @Option(help: "Scale the catalog's HBM, compute and link efficiencies (0.85: a GPU 15% slower; what regression tests inject).")
    var efficiencyScale = 1.0
    @OptionGroup var catalogOption: CatalogOption

    /// More drafts than any MTP head proposes.
    static let mostDraftTokens = 64

    func validate() throws {
        for (name, value) in [
            ("--tp", tp), ("--ep", ep), ("--pp", pp), ("--max-running-requests", maxRunningRequests),
            ("--chunked-prefill-size", chunkedPrefillSize), ("--prefill-workers", prefillWorkers),
            ("--decode-workers", decodeWorkers), ("--prefill-tp", prefillTp), ("--decode-tp", decodeTp),
            ("--decode-max-running-requests", decodeMaxRunningRequests ?? 1),
        ] where value < 1 {
            throw ValidationError("\(name) must be at least 1, got \(value)")
        }
        guard ["none", "mtp"].contains(specDecoding.lowercased()) else {
            throw ValidationError("--spec-decoding must be none or mtp, got '\(specDecoding)'")
        }
        if let acceptanceLength, !(acceptanceLength >= 1) { throw ValidationError("--acceptance-length must be at least 1, got \(acceptanceLength)") }
        guard (1...Self.mostDraftTokens).contains(draftTokens) else {
            throw ValidationError("--draft-tokens must be 1 to \(Self.mostDraftTokens), got \(draftTokens)")
        }
        if decodeMaxRunningRequests != nil && !disagg { throw ValidationError("--decode-max-running-requests needs --disagg") }
        if let memoryFraction, !(memoryFraction > 0 && memoryFraction <= 1) {
            throw ValidationError("--memory-fraction must be in (0, 1], got \(memoryFraction)")
        }
        guard efficiencyScale > 0 && efficiencyScale <= 2 else {
            throw ValidationError("--efficiency-scale must be in (0, 2], got \(efficiencyScale)")
        }
        if kvOffloadGb != nil && !enablePrefixCaching { throw ValidationError("--kv-offload-gb needs --enable-prefix-caching") }
        if kvOffloadGbps != nil && kvOffloadGb == nil { throw ValidationError("--kv-offload-gbps needs --kv-offload-gb") }
    }

    func simConfig() throws -> SimConfig {
        let catalog = try loadCatalog(catalogOption.path)
        let topology: SimTopology =
            disagg
            ? .disaggregated(
                prefill: WorkerPool(workers: prefillWorkers, shape: WorkerShape(tp: prefillTp, ep: prefillEp, dpAttention: prefillDpAttn)),
                decode: WorkerPool(workers: decodeWorkers, shape: WorkerShape(tp: decodeTp, ep: decodeEp, dpAttention: decodeDpAttn)))
            : .aggregated(WorkerShape(tp: tp, ep: ep, pp: pp, dpAttention: dpAttn))
        do {
            var config = try SimConfig.resolve(
                catalog: catalog, hardware: hardware, model: model, precision: precision,
                kvCacheDType: kvCacheDtype, topology: topology)
            config.maxRunningRequests = maxRunningRequests
            config.decodeMaxRunningRequests = decodeMaxRunningRequests
            config.chunkedPrefillSize = chunkedPrefillSize
            if let maxModelLen { config.maxModelLength = maxModelLen }
            config.useFramework(framework, catalog: catalog, speculative: .named(specDecoding, acceptanceLength: acceptanceLength, draftTokens: draftTokens))
            config.engineMemory.fraction = memoryFraction ?? config.engineMemory.fraction
            config.efficiency = config.efficiency.scaled(by: efficiencyScale)
            config.prefixCache = enablePrefixCaching
            if let kvOffloadGb {
                config.kvOffload = try KVOffload.dram(totalGB: kvOffloadGb, hardware: config.hardware, gbps: kvOffloadGbps)
            }
            return config
        } catch {
            throw ValidationError(error.description)
        }
    }

    func cluster(seed: UInt64) throws -> SimCluster {
        do {
            return try SimCluster(config: simConfig(), seed: seed)
        } catch let error as SimConfigError {
            throw ValidationError(error.description)
        }
    }
}
