import Catalog

/// How one engine instance spreads over its GPUs.
public struct WorkerShape: Sendable, Hashable, Codable {
    public var tp: Int
    public var ep: Int
    public var pp: Int
    public var dpAttention: Bool

    /// vLLM writes data-parallel attention with expert parallelism as TP 1, EP 8 ("DEP8", eight
    /// GPUs); the simulator counts attention ranks in `tp`, as SGLang's TP 8 with DP attention does.
    public init(tp: Int, ep: Int = 1, pp: Int = 1, dpAttention: Bool = false) {
        self.tp = dpAttention ? max(tp, ep) : tp
        self.ep = ep
        self.pp = pp
        self.dpAttention = dpAttention
    }

    public var gpus: Int { tp * pp }
}

/// A pool of identical engine instances (disaggregated serving runs one for prefill, one for decode).
public struct WorkerPool: Sendable, Hashable, Codable {
    public var workers: Int
    public var shape: WorkerShape

    public init(workers: Int, shape: WorkerShape) {
        self.workers = workers
        self.shape = shape
    }
}

public enum SimTopology: Sendable, Hashable {
    /// One engine doing prefill and decode in the same batches.
    case aggregated(WorkerShape)
    /// Prefill and decode on separate pools, KV cache sent between them.
    case disaggregated(prefill: WorkerPool, decode: WorkerPool)

    public var gpus: Int {
        switch self {
        case let .aggregated(shape): return shape.gpus
        case let .disaggregated(prefill, decode):
            return prefill.workers * prefill.shape.gpus + decode.workers * decode.shape.gpus
        }
    }
}

/// Speculative decoding with a draft head (DeepSeek's MTP): tokens per step follow the acceptance length.
public struct SpeculativeDecoding: Sendable, Hashable {
    public var acceptanceLength: Double
    /// Draft tokens proposed per step; the target model verifies these plus one.
    public var draftTokens: Int

    /// `draftTokens` nil: the fewest that can reach `acceptanceLength`.
    public init(acceptanceLength: Double, draftTokens: Int? = nil) {
        self.acceptanceLength = acceptanceLength
        self.draftTokens = max(1, draftTokens ?? Int(acceptanceLength.rounded(.up)))
    }

    /// DeepSeek's MTP head proposing three tokens: accepted tokens per step when nothing else is known
    /// (InferenceX fixes 2.49 for DeepSeek-V4 with three draft tokens in its agentic runs; for
    /// DeepSeek-R1, TensorRT-LLM's tech blog 1 measures 2.82 with three MTP layers on B200, and
    /// LMSYS's MTP post 2.18 with a three-token window).
    public static let deepSeekMTP = deepSeekMTP(draftTokens: 3)

    /// Each draft is accepted with this probability once the one before it was: three drafts then
    /// accept 1 + p + p² + p³ = 2.5 tokens a step, the default above.
    static let perDraftAcceptance = 0.6914139797817367

    /// The MTP head proposing `draftTokens`, each accepted at `perDraftAcceptance` after its
    /// predecessor: one draft accepts 1.69 tokens a step, two 2.17, three 2.5.
    public static func deepSeekMTP(draftTokens: Int) -> SpeculativeDecoding {
        let drafts = max(1, draftTokens)
        var accepted = 0.0, reached = 1.0
        for _ in 0...drafts {
            accepted += reached
            reached *= perDraftAcceptance
        }
        return SpeculativeDecoding(acceptanceLength: accepted, draftTokens: drafts)
    }

    /// Tokens each decoding sequence puts through the target model per step: its drafts plus one.
    public var verifiedTokens: Int { draftTokens + 1 }

    /// The draft head a deployment's spec-decoding names: `mtp` at `acceptanceLength` (default: what
    /// `draftTokens`, default three, accept), nil otherwise.
    public static func named(_ specDecoding: String?, acceptanceLength: Double? = nil, draftTokens: Int? = nil) -> SpeculativeDecoding? {
        guard specDecoding?.lowercased() == "mtp" else { return nil }
        guard let acceptanceLength else { return deepSeekMTP(draftTokens: draftTokens ?? deepSeekMTP.draftTokens) }
        return SpeculativeDecoding(acceptanceLength: acceptanceLength, draftTokens: draftTokens)
    }
}

/// Everything that defines a simulated deployment.
public struct SimConfig: Sendable {
    public var hardware: HardwareSpec
    public var model: ModelSpec
    public var efficiency: EfficiencySpec
    /// Weight precision: bf16, fp8 or fp4.
    public var precision: String
    /// KV cache precision: bf16 or fp8.
    public var kvCacheDType: String
    public var topology: SimTopology
    public var speculative: SpeculativeDecoding?
    /// Most sequences one engine instance runs at once.
    public var maxRunningRequests: Int
    /// Most sequences one decode worker of a disaggregated deployment runs at once, where the
    /// deployment's recipe sets it (TensorRT-LLM's decode `max_batch_size`); nil: `maxRunningRequests`.
    public var decodeMaxRunningRequests: Int?
    /// Token budget of one step (decode tokens plus prefill chunks), as vLLM's max-num-batched-tokens.
    public var chunkedPrefillSize: Int
    /// Longest prompt plus output accepted.
    public var maxModelLength: Int
    /// How the engine being simulated sizes its KV cache (SGLang's by default).
    public var engineMemory = EngineMemory(accounting: .staticFraction)
    /// The engine's fitted speed over the roofline (Catalog's FrameworkFactor): every step's time is divided by it.
    public var frameworkSpeed = 1.0
    /// What the GEMM and decode-attention FLOPs of every step's roofline are divided by before the
    /// framework speed (Catalog's `compute` entry, aggregated engines only): mixing prefill into
    /// decode steps reaches less of the compute rate the catalog calibrated on disaggregated pools.
    /// Prompt attention keeps the catalog's rate.
    public var computeSpeed = 1.0
    /// Reuse the KV of earlier prompts' 64-token blocks (vLLM's `--enable-prefix-caching`, SGLang's
    /// radix cache); only requests that carry `prefixBlocks` can hit.
    public var prefixCache = false
    /// A CPU tier under the prefix cache; needs `prefixCache`.
    public var kvOffload: KVOffload?

    public init(
        hardware: HardwareSpec, model: ModelSpec, efficiency: EfficiencySpec, precision: String,
        kvCacheDType: String = "bf16", topology: SimTopology, speculative: SpeculativeDecoding? = nil,
        maxRunningRequests: Int = 1024, chunkedPrefillSize: Int = 8192, maxModelLength: Int? = nil
    ) {
        self.hardware = hardware
        self.model = model
        self.efficiency = efficiency
        self.precision = precision
        self.kvCacheDType = kvCacheDType
        self.topology = topology
        self.speculative = speculative
        self.maxRunningRequests = maxRunningRequests
        self.chunkedPrefillSize = chunkedPrefillSize
        self.maxModelLength = maxModelLength ?? model.maxContext
    }

    /// A deployment from catalog names, with the errors a user can act on.
    public static func resolve(
        catalog: Catalog, hardware: String, model: String, precision: String,
        kvCacheDType: String? = nil, topology: SimTopology
    ) throws(SimConfigError) -> SimConfig {
        guard let hardwareSpec = catalog.hardware(forRunner: hardware) else {
            throw SimConfigError("unknown hardware '\(hardware)'", fix: "use one of: \(catalog.hardware.keys.sorted().joined(separator: ", "))")
        }
        guard let modelSpec = catalog.model(named: model) else {
            throw SimConfigError("unknown model '\(model)'", fix: "use one of: \(catalog.models.keys.sorted().joined(separator: ", "))")
        }
        guard let efficiency = catalog.efficiency(for: hardwareSpec) else {
            throw SimConfigError("no efficiency entry for vendor '\(hardwareSpec.vendor)'", fix: "add one under 'efficiency:' in a --catalog file")
        }
        return SimConfig(
            hardware: hardwareSpec, model: modelSpec, efficiency: efficiency, precision: precision,
            kvCacheDType: kvCacheDType ?? "bf16", topology: topology)
    }
}

extension SimConfig {
    /// The engine being simulated: its memory accounting (from its arguments, else its defaults) and
    /// its fitted speed factors for this GPU generation, precision and model; the fitted compute speed
    /// only when aggregated (`pool` says a single pool of a disaggregated deployment is simulated alone);
    /// `speculative` decoding, when given, with its own fitted effect.
    public mutating func useFramework(
        _ framework: String, catalog: Catalog, engineArguments: [String] = [], pool: Bool? = nil, speculative: SpeculativeDecoding? = nil
    ) {
        engineMemory = EngineMemory.of(framework: framework, engineArguments: engineArguments)
        self.speculative = speculative
        let disaggregated: Bool
        if case .disaggregated = topology { disaggregated = true } else { disaggregated = pool ?? false }
        frameworkSpeed =
            catalog.frameworkFactor(
                FactorKey(
                    generation: hardware.generation, framework: framework, precision: precision, model: model.name, moe: model.moe != nil,
                    speculative: speculative != nil)
            ).factor
        computeSpeed = disaggregated ? 1 : catalog.computeSpeed
    }
}

/// A deployment the simulator cannot run, with what to change.
public struct SimConfigError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public let fix: String

    public init(_ message: String, fix: String) {
        self.message = message
        self.fix = fix
    }

    public var description: String { "\(message); \(fix)" }
}

extension SpeculativeDecoding {
    /// Tokens one decoding sequence emits in its `step`-th decode step (0-based): the whole part of
    /// the acceptance length, plus one with probability its fraction, a seeded draw keyed by request
    /// and step so both clocks, and a replay of a compact timeline, draw the same; never past `remaining`.
    func tokens(seed: UInt64, request: Int, step: Int, remaining: Int) -> Int {
        let whole = Int(acceptanceLength)
        let fraction = acceptanceLength - Double(whole)
        let extra = SeededRandom.unit(seed, UInt64(truncatingIfNeeded: request), UInt64(step)) < fraction ? 1 : 0
        return min(remaining, max(1, min(whole + extra, draftTokens + 1)))
    }
}
