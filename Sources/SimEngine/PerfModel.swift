import Catalog
import Foundation

/// The roofline performance model of one engine instance: prices a step from catalog figures.
/// docs/simulator.md derives every term; the efficiency factors are per vendor (Catalog).
public struct PerfModel: Sendable {
    public let shape: WorkerShape
    public let gpus: Int
    /// Weight bytes each GPU holds.
    public let weightBytesPerGPU: Double
    /// Bytes one cached token occupies on each GPU that holds it, averaged over the instance.
    public let kvBytesPerTokenPerGPU: Double
    /// KV cache the instance holds, in tokens over all its GPUs.
    public let kvCapacityTokens: Int
    /// Extra KV per sequence (sliding-window layers, linear-attention state), in token-equivalents.
    public let kvTokensPerSequence: Int
    /// Most context tokens a sparse-attention model's attention proper reads (0: it reads them all).
    public let attentionWindow: Int
    public let speculative: SpeculativeDecoding?

    private let efficiency: EfficiencySpec
    /// The engine's fitted speed over the roofline (SimConfig.frameworkSpeed).
    private let frameworkSpeed: Double
    /// The fitted share of the catalog's compute rate engines reach (SimConfig.computeSpeed).
    private let computeSpeed: Double
    private let model: ModelSpec
    private let layers: Double
    private let moeLayers: Double
    private let routedExperts: Double
    private let topK: Double
    private let paramsPerExpert: Double
    private let expertBytesPerParam: Double
    private let nonExpertBytesPerGPU: Double
    private let slidingBytesPerSequencePerGPU: Double
    private let stateBytesPerSequencePerGPU: Double
    /// Of a cached token's bytes, those read for every context token (all of them without sparse attention).
    private let denseReadBytesPerTokenPerGPU: Double
    private let expertFLOPsPerToken: Double
    private let nonExpertFLOPsPerToken: Double
    private let attentionFLOPsPerPair: Double
    private let decodeAttentionFLOPsPerPair: Double
    private let selectedAttentionFLOPsPerPair: Double
    private let fixedAttentionFLOPsPerToken: Double
    private let expertRate: Double
    private let nonExpertRate: Double
    private let attentionRate: Double
    private let stateRate: Double
    private let hbmBytesPerSecond: Double
    private let scaleUpBytesPerSecond: Double
    private let scaleOutBytesPerSecond: Double
    /// Scale-up domains (nodes) the expert-parallel group spans.
    private let expertNodes: Double

    public init(config: SimConfig, shape: WorkerShape) throws(SimConfigError) {
        let model = config.model, hardware = config.hardware, efficiency = config.efficiency
        guard shape.tp >= 1, shape.pp >= 1, shape.ep >= 1 else {
            throw SimConfigError("tp, ep and pp must be at least 1 (got tp \(shape.tp), ep \(shape.ep), pp \(shape.pp))", fix: "pass positive sizes")
        }
        guard shape.tp % shape.ep == 0 else {
            throw SimConfigError(
                "ep \(shape.ep) must divide tp \(shape.tp)", fix: "expert parallelism spans the tensor-parallel ranks; use an ep that divides tp")
        }
        guard let format = WeightFormat.named[config.precision.lowercased()] else {
            throw SimConfigError(
                "unknown precision '\(config.precision)'",
                fix: "use one of: \(WeightFormat.named.keys.sorted().joined(separator: ", "))")
        }
        let kvDType = config.kvCacheDType.lowercased()
        guard kvDType == "bf16" || kvDType == "fp8" || kvDType == "auto" else {
            throw SimConfigError("unknown KV cache dtype '\(config.kvCacheDType)'", fix: "use bf16 or fp8")
        }
        let kvIsFP8 = kvDType == "fp8"
        self.shape = shape
        self.gpus = shape.gpus
        self.efficiency = efficiency
        guard config.frameworkSpeed > 0 && config.frameworkSpeed.isFinite else {
            throw SimConfigError(
                "framework speed factor \(config.frameworkSpeed) is not a positive number", fix: "check the catalog's framework-factors entries")
        }
        frameworkSpeed = config.frameworkSpeed
        guard config.computeSpeed > 0 && config.computeSpeed.isFinite else {
            throw SimConfigError(
                "compute speed factor \(config.computeSpeed) is not a positive number", fix: "check the catalog's framework-factors 'compute' entry")
        }
        computeSpeed = config.computeSpeed
        self.model = model
        self.speculative = config.speculative
        layers = Double(model.layers)

        // Parameters split into routed experts and the rest (attention, dense layers, shared
        // experts, embeddings), from total and active counts: active = rest + top-k experts per layer.
        let total = model.totalParamsB * 1e9, active = model.activeParamsB * 1e9
        var expertParams = 0.0
        if let moe = model.moe {
            routedExperts = Double(moe.routedExperts)
            topK = Double(moe.topK)
            moeLayers = Double(model.layers - (model.denseLayers ?? 0))
            expertParams = (total - active) * routedExperts / (routedExperts - topK)
            paramsPerExpert = expertParams / (moeLayers * routedExperts)
        } else {
            routedExperts = 0
            topK = 0
            moeLayers = 0
            paramsPerExpert = 0
        }
        let nonExpertParams = total - expertParams
        let nonExpertActive = active - topK * moeLayers * paramsPerExpert
        let isMoE = model.moe != nil
        // Low-bit formats quantize MoE experts and leave the rest wider; dense models quantize all linear layers.
        let placement = WeightPlacement(
            model: model, precision: config.precision, expertBytesPerParam: format.expertBytes,
            otherBytesPerParam: isMoE ? format.otherBytes : format.expertBytes,
            expertParams: expertParams, otherParams: nonExpertParams, mtp: config.speculative != nil)
        expertBytesPerParam = placement.expertBytesPerParam
        weightBytesPerGPU = placement.bytesPerGPU(shape)
        // What each step streams besides the experts it touches: everything but the routed experts.
        nonExpertBytesPerGPU = weightBytesPerGPU - placement.expertBytes / Double(gpus)

        // KV: MLA's latent cache is replicated on every TP rank; GQA splits by KV head up to the
        // head count; DP attention keeps each sequence on one rank. Pipeline stages split layers.
        let kvPerToken = Double(kvIsFP8 ? model.kvBytesPerToken.fp8 : model.kvBytesPerToken.bf16)
        let kvShards: Double
        if shape.dpAttention {
            kvShards = Double(shape.tp)  // one attention rank per TP rank (WorkerShape folds vLLM's DP x TP into tp)
        } else if model.attention == "mla" {
            kvShards = 1
        } else {
            kvShards = Double(min(shape.tp, model.kvHeads ?? shape.tp))
        }
        kvBytesPerTokenPerGPU = kvPerToken / (kvShards * Double(shape.pp))
        let sliding = model.kvBytesPerSequenceSliding.map { Double(kvIsFP8 ? $0.fp8 : $0.bf16) } ?? 0
        slidingBytesPerSequencePerGPU = sliding / (kvShards * Double(shape.pp))
        // Linear-attention state splits by head over the TP ranks (these models have 16+ heads,
        // more than any TP used), or stays whole on the DP-attention rank that runs the sequence.
        stateBytesPerSequencePerGPU = Double(model.stateBytesPerSequence ?? 0) / (Double(shape.tp) * Double(shape.pp))
        kvTokensPerSequence = Int(((slidingBytesPerSequencePerGPU + stateBytesPerSequencePerGPU) / kvBytesPerTokenPerGPU).rounded(.up))
        let sparse = model.sparseAttention
        attentionWindow = sparse?.selectedTokens ?? 0
        let denseRead = sparse.map { Double(kvIsFP8 ? $0.denseReadBytesPerToken.fp8 : $0.denseReadBytesPerToken.bf16) } ?? kvPerToken
        denseReadBytesPerTokenPerGPU = denseRead / (kvShards * Double(shape.pp))

        let kv = config.engineMemory.kvBytes(
            memoryBytes: hardware.memoryBytes, weightBytes: weightBytesPerGPU, gpus: gpus,
            chunkedPrefill: config.chunkedPrefillSize / (shape.dpAttention ? shape.tp : 1),  // per rank
            speculative: config.speculative != nil)
        guard kv.bytes > 0 else {
            throw SimConfigError(
                String(
                    format: "%@ %@ does not fit on %d × %@: %.0f GB of weights per GPU, %.0f GB of %.0f GB for weights and KV cache (%@ at %.2f)",
                    model.name, config.precision, gpus, hardware.name, weightBytesPerGPU / 1e9, (kv.bytes + weightBytesPerGPU) / 1e9,
                    hardware.memoryBytes / 1e9, config.engineMemory.accounting.rawValue, kv.fraction),
                fix: "use more GPUs (tp), a smaller precision, a GPU with more memory, or a higher memory fraction in the engine arguments")
        }
        let free = kv.bytes
        kvCapacityTokens = Int(free / kvBytesPerTokenPerGPU)

        expertFLOPsPerToken = 2 * topK * moeLayers * paramsPerExpert
        nonExpertFLOPsPerToken = 2 * nonExpertActive
        attentionFLOPsPerPair = model.attentionMFLOPPerContextToken * 1e6
        decodeAttentionFLOPsPerPair = model.decodeAttentionMFLOPPerContextToken * 1e6
        selectedAttentionFLOPsPerPair = (sparse?.mflopPerSelectedToken ?? 0) * 1e6
        fixedAttentionFLOPsPerToken = (model.attentionMFLOPPerToken ?? 0) * 1e6
        // A checkpoint whose 4-bit experts take wider activations runs at that width where FP4 tensor cores exist.
        let expertCompute =
            format.expertCompute == "fp4" && hardware.fp4TFLOPs != nil ? model.fp4Activations?.rawValue ?? "fp4" : format.expertCompute
        expertRate = hardware.peakTFLOPs(precision: expertCompute) * 1e12 * efficiency.compute
        nonExpertRate = hardware.peakTFLOPs(precision: isMoE ? format.otherCompute : expertCompute) * 1e12 * efficiency.compute
        attentionRate = hardware.peakTFLOPs(precision: kvIsFP8 ? "fp8" : "bf16") * 1e12 * efficiency.compute
        // Recurrent state updates and sliding windows run in BF16 whatever the cache dtype.
        stateRate = hardware.peakTFLOPs(precision: "bf16") * 1e12 * efficiency.compute
        hbmBytesPerSecond = hardware.hbmTBps * 1e12 * efficiency.hbm
        scaleUpBytesPerSecond = hardware.scaleUpGBps * 1e9 * efficiency.link
        scaleOutBytesPerSecond = hardware.scaleOutGBps * 1e9 * efficiency.scaleOutLink
        expertNodes = (Double(shape.ep) / Double(hardware.scaleUpDomain)).rounded(.up)
    }

    /// How a matrix `precision` stores weights and which peak their GEMMs run at.
    struct WeightFormat {
        /// Bytes per routed-expert parameter (every linear parameter of a dense model), scales included.
        let expertBytes: Double
        /// Bytes per other parameter of an MoE model (attention, dense layers, shared experts, embeddings).
        let otherBytes: Double
        let expertCompute: String
        let otherCompute: String

        static let named: [String: WeightFormat] = [
            "bf16": WeightFormat(expertBytes: 2, otherBytes: 2, expertCompute: "bf16", otherCompute: "bf16"),
            "fp16": WeightFormat(expertBytes: 2, otherBytes: 2, expertCompute: "bf16", otherCompute: "bf16"),
            "fp8": WeightFormat(expertBytes: 1, otherBytes: 1, expertCompute: "fp8", otherCompute: "fp8"),
            // NVFP4/MXFP4 experts (4.5 bits with block scales) on FP4 tensor cores; the rest stays FP8.
            "fp4": WeightFormat(expertBytes: 0.5625, otherBytes: 1, expertCompute: "fp4", otherCompute: "fp8"),
            // Kimi's native INT4 (quantization-aware trained, group 32 with a BF16 scale: 4.5 bits) covers
            // the experts only; it is weight-only, so GEMMs dequantize and run at BF16 with the rest.
            "int4": WeightFormat(expertBytes: 0.5625, otherBytes: 2, expertCompute: "bf16", otherCompute: "bf16"),
        ]
    }

    /// Expected distinct routed experts one layer touches for a batch of `tokens` (each picks top-k).
    public func expertsTouched(tokens: Int) -> Double {
        guard routedExperts > 0 else { return 0 }
        return routedExperts * (1 - pow(1 - topK / routedExperts, Double(tokens)))
    }

    public func cost(_ work: StepWork) -> StepCost {
        let tokens = Double(work.tokens)
        let gpuCount = Double(gpus)
        let width = Double(work.decodeTokensPerSequence)
        let decodePairs = Double(work.decodeContextTokens) * width
        let selectedPairs = Double(work.decodeWindowedContextTokens) * width + work.prefillWindowedPairs
        // The fitted compute speed slows GEMMs and decode attention; prompt attention runs in
        // FlashAttention-class kernels at the catalog's rate whatever else shares the step.
        let decodeAttentionFLOPs = decodePairs * decodeAttentionFLOPsPerPair + selectedPairs * selectedAttentionFLOPsPerPair
        let prefillAttentionFLOPs = work.prefillAttentionPairs * attentionFLOPsPerPair
        let compute =
            (tokens * expertFLOPsPerToken / expertRate
                + tokens * nonExpertFLOPsPerToken / nonExpertRate
                + decodeAttentionFLOPs / attentionRate
                + tokens * fixedAttentionFLOPsPerToken / stateRate) / gpuCount / computeSpeed
            + prefillAttentionFLOPs / attentionRate / gpuCount

        let expertBytes = moeLayers * expertsTouched(tokens: work.tokens) * paramsPerExpert * expertBytesPerParam / gpuCount
        // Sparse attention's decode reads only the indexed part of the context tokens it does not
        // select (zero bytes skipped otherwise); chunked prefill reads its cached context whole (an
        // upper bound for sparse attention, whose prefill is compute-bound).
        let kvTokensRead = Double(work.decodeContextTokens + work.prefillCachedTokens)
        let skippedBytes =
            Double(work.decodeContextTokens - work.decodeWindowedContextTokens)
            * (kvBytesPerTokenPerGPU - denseReadBytesPerTokenPerGPU)
        let stepSequences = Double(work.decodeSequences + work.prefillSequences)
        let kvBytes =
            (kvTokensRead + tokens) * kvBytesPerTokenPerGPU - skippedBytes
            + Double(work.decodeSequences) * slidingBytesPerSequencePerGPU
            + stepSequences * 2 * stateBytesPerSequencePerGPU  // each state is read and written back
        let memory = (nonExpertBytesPerGPU + expertBytes + kvBytes) / hbmBytesPerSecond

        let roofline = max(compute, memory)
        // Two-micro-batch overlap hides the all-to-all behind the other micro-batch's compute, up
        // to the overlap share of whichever is shorter; TP all-reduces sit on the critical path.
        let hasPrefill = work.prefillTokens > 0
        let allToAll = allToAllSeconds(tokens: tokens, highThroughput: hasPrefill)
        let overlap = hasPrefill ? efficiency.prefillEPOverlap : efficiency.decodeEPOverlap
        let communication = allReduceSeconds(tokens: tokens) + allToAll - overlap * min(roofline, allToAll)
        // Each DP-attention rank runs its own scheduler, in parallel with the others.
        let schedulers = shape.dpAttention ? Double(shape.tp) : 1
        var overhead =
            layers * efficiency.layerOverheadUs * 1e-6 + efficiency.stepOverheadUs * 1e-6
            + Double(work.decodeSequences + work.prefillSequences) / schedulers * efficiency.sequenceOverheadUs * 1e-6
        var layerPasses = layers
        if let speculative, work.decodeSequences > 0 {
            // The MTP head runs once per draft token, a layer's worth of fixed cost each time.
            let draftPasses = Double(speculative.draftTokens * (model.mtpLayers ?? 1))
            overhead += draftPasses * efficiency.layerOverheadUs * 1e-6 * 2
            layerPasses += draftPasses
        }
        var cost = StepCost(
            compute: compute, memory: memory, communication: communication, overhead: overhead,
            floor: layerPasses * efficiency.layerFloorUs * 1e-6)
        if shape.pp > 1 {
            // Pipeline stages hold 1/pp of the layers; one batch crosses them in turn with a bubble.
            let stretch = Double(2 * shape.pp - 1) / Double(shape.pp)
            cost.compute *= stretch
            cost.memory *= stretch
            cost.floor *= stretch
            cost.communication +=
                Double(shape.pp - 1) * (efficiency.collectiveLatencyUs * 1e-6 + tokens * Double(model.hidden) * 2 / scaleUpBytesPerSecond)
        }
        return cost
    }

    /// The step's roofline time divided by the engine's fitted speed factor.
    public func stepSeconds(_ work: StepWork) -> Double { cost(work).seconds / frameworkSpeed }

    private func allReduceSeconds(tokens: Double) -> Double {
        guard shape.tp > 1 && !shape.dpAttention else { return 0 }
        // Two ring all-reduces per layer (after attention and after the MLP).
        let activationBytes = tokens * Double(model.hidden) * 2
        let ring = 2 * Double(shape.tp - 1) / Double(shape.tp) * activationBytes / scaleUpBytesPerSecond
        return 2 * layers * (efficiency.collectiveLatencyUs * 1e-6 + ring)
    }

    /// DeepEP-style dispatch (FP8) and combine (BF16) of each rank's tokens to their top-k experts.
    /// Steps with prefill use the high-throughput kernels, which cross the NICs once per remote
    /// node a token touches and fan out over NVLink; decode-only steps use the low-latency
    /// kernels, which send one copy per expert straight over whichever link reaches it.
    private func allToAllSeconds(tokens: Double, highThroughput: Bool) -> Double {
        guard shape.dpAttention && shape.tp > 1 && moeLayers > 0 else { return 0 }
        let bytesPerCopy = tokens / Double(shape.tp) * Double(model.hidden) * 3
        let remoteShare = Double(shape.ep - 1) / Double(shape.ep)
        let transfer: Double
        if expertNodes <= 1 {
            transfer = bytesPerCopy * topK * remoteShare / scaleUpBytesPerSecond
        } else if highThroughput {
            let remoteNodes = (expertNodes - 1) * (1 - pow(1 - 1 / expertNodes, topK))
            transfer = max(bytesPerCopy * remoteNodes / scaleOutBytesPerSecond, bytesPerCopy * topK / scaleUpBytesPerSecond)
        } else {
            transfer = bytesPerCopy * topK * remoteShare / scaleOutBytesPerSecond
        }
        // The catalog's latency is at EP8; DeepEP's published low-latency figures grow about as log2(EP).
        let latency = efficiency.allToAllLatencyUs * 1e-6 * log2(Double(shape.ep)) / 3
        return moeLayers * (2 * latency + transfer)
    }
}
