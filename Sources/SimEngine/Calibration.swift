import Catalog

/// Published measurements (LMSYS, DeepSeek, TensorRT-LLM), each re-run on the simulator in the same setting.
/// `bench perf sim-calibration` prints the table; docs/simulator.md explains each setting.
public struct CalibrationCase: Sendable {
    public var setting: String
    public var source: String
    public var published: Double
    public var unit: String
    let simulate: @Sendable (Catalog) throws -> Double

    public func simulated(catalog: Catalog) throws -> Double { try simulate(catalog) }
}

public enum Calibration {
    public static let cases: [CalibrationCase] = lmsysGB200 + lmsysH100 + deepSeekH800 + trtLlama

    /// Steady-state throughput of one saturated pool: prefill fills each step's token budget with
    /// `isl`-token prompts; decode runs `batchPerGPU` sequences per GPU at `context` tokens.
    static func poolThroughput(
        _ config: SimConfig, shape: WorkerShape, prefill isl: Int? = nil,
        decodeBatchPerGPU: Int = 0, context: Int = 0
    ) throws(SimConfigError) -> Double {
        let model = try PerfModel(config: config, shape: shape)
        var work = StepWork()
        if let isl {
            let budget = config.chunkedPrefillSize
            var filled = 0
            while filled < budget {
                let chunk = min(isl, budget - filled)
                work.addPrefillChunk(start: 0, length: chunk)
                filled += chunk
            }
            return Double(work.prefillTokens) / model.stepSeconds(work) / Double(shape.gpus)
        }
        let batch = min(decodeBatchPerGPU * shape.gpus, model.kvCapacityTokens / context)
        work.decodeSequences = batch
        work.decodeContextTokens = batch * context
        // With MTP each sequence verifies its draft tokens plus one and keeps the acceptance length.
        work.decodeTokensPerSequence = model.speculative?.verifiedTokens ?? 1
        let tokensPerSequence = model.speculative?.acceptanceLength ?? 1
        return Double(batch) * tokensPerSequence / model.stepSeconds(work) / Double(shape.gpus)
    }

    static func config(
        _ catalog: Catalog, _ hardware: String, _ precision: String, kv: String,
        shape: WorkerShape, budget: Int = 8192, edit: (inout HardwareSpec) -> Void = { _ in }
    ) throws -> SimConfig {
        var config = try SimConfig.resolve(
            catalog: catalog, hardware: hardware, model: "dsr1", precision: precision,
            kvCacheDType: kv, topology: .aggregated(shape))
        edit(&config.hardware)
        config.chunkedPrefillSize = budget
        return config
    }

    // LMSYS, GB200 part II (2025-09-25): PD disaggregation with DP attention and large EP;
    // prefill on 2,000-token prompts, decode with 12 nodes (48 GPUs) at ~256 sequences per GPU.
    static let lmsysGB200: [CalibrationCase] = [
        ("FP8 attention + NVFP4 MoE", "fp4", "fp8", 26_156.0, 13_386.0),
        ("BF16 attention + FP8 MoE", "fp8", "bf16", 18_471.0, 9_087.0),
    ].flatMap { label, precision, kv, prefill, decode in
        let source = "LMSYS blog, GB200 part II, 2025-09-25"
        return [
            CalibrationCase(
                setting: "SGLang DSR1 GB200 NVL72 PD prefill, \(label), ISL 2000, DP-attn EP8", source: source,
                published: prefill, unit: "input tok/s/GPU"
            ) { catalog in
                let shape = WorkerShape(tp: 8, ep: 8, dpAttention: true)
                return try poolThroughput(config(catalog, "gb200", precision, kv: kv, shape: shape, budget: 8 * 16384), shape: shape, prefill: 2000)
            },
            CalibrationCase(
                setting: "SGLang DSR1 GB200 NVL72 PD decode, \(label), 48 GPUs DP-attn EP48, 256 seq/GPU", source: source,
                published: decode, unit: "output tok/s/GPU"
            ) { catalog in
                let shape = WorkerShape(tp: 48, ep: 48, dpAttention: true)
                return try poolThroughput(
                    config(catalog, "gb200", precision, kv: kv, shape: shape), shape: shape,
                    decodeBatchPerGPU: 256, context: 2050)
            },
        ]
    }

    // LMSYS (2025-05-05): 96 H100s, 3 prefill nodes (EP24) and 9 decode nodes (EP72), 2,000-token inputs.
    static let lmsysH100: [CalibrationCase] = [
        CalibrationCase(
            setting: "SGLang DSR1 96×H100 PD prefill, ISL 2000, DP-attn EP24", source: "LMSYS blog, 2025-05-05",
            published: 52_300.0 / 8, unit: "input tok/s/GPU"
        ) { catalog in
            let shape = WorkerShape(tp: 24, ep: 24, dpAttention: true)
            return try poolThroughput(config(catalog, "h100", "fp8", kv: "bf16", shape: shape, budget: 24 * 16384), shape: shape, prefill: 2000)
        },
        CalibrationCase(
            setting: "SGLang DSR1 96×H100 PD decode, DP-attn EP72, 256 seq/GPU", source: "LMSYS blog, 2025-05-05",
            published: 22_300.0 / 8, unit: "output tok/s/GPU"
        ) { catalog in
            let shape = WorkerShape(tp: 72, ep: 72, dpAttention: true)
            return try poolThroughput(
                config(catalog, "h100", "fp8", kv: "bf16", shape: shape), shape: shape,
                decodeBatchPerGPU: 256, context: 2050)
        },
    ]

    // DeepSeek open-infra profile: H800 (H100 silicon, NVLink at 200 GB/s per direction), prefill
    // EP32 on 4k-token prompts, decode EP144 at 128 sequences per GPU and ~4k context.
    static let deepSeekH800: [CalibrationCase] = {
        let h800: @Sendable (inout HardwareSpec) -> Void = {
            $0.scaleUpGBps = 200; $0.name = "h800"
        }
        let source = "DeepSeek open-infra figures"
        return [
            CalibrationCase(
                setting: "DeepSeek-V3 H800 prefill, ISL 4096, DP-attn EP32", source: source,
                published: 7_839, unit: "input tok/s/GPU"
            ) { catalog in
                let shape = WorkerShape(tp: 32, ep: 32, dpAttention: true)
                return try poolThroughput(
                    config(catalog, "h100", "fp8", kv: "bf16", shape: shape, budget: 32 * 16384, edit: h800),
                    shape: shape, prefill: 4096)
            },
            CalibrationCase(
                setting: "DeepSeek-V3 H800 decode, DP-attn EP144, 128 seq/GPU, 4k context", source: source,
                published: 2_324, unit: "output tok/s/GPU"
            ) { catalog in
                let shape = WorkerShape(tp: 144, ep: 144, dpAttention: true)
                return try poolThroughput(
                    config(catalog, "h100", "fp8", kv: "bf16", shape: shape, edit: h800), shape: shape,
                    decodeBatchPerGPU: 128, context: 4096)
            },
        ]
    }()

    // TensorRT-LLM perf overview v1.0, Llama-3.3-70B: maximum output tok/s of the whole GPU set,
    // every request sent at once, FP8 KV cache.
    static let trtLlama: [CalibrationCase] = {
        let systems: [(String, String, Int)] = [("b200", "fp4", 1), ("gb200", "fp4", 1), ("h200", "fp8", 1), ("h100", "fp8", 2)]
        let figures: [(Int, Int, [Double])] = [
            (1000, 1000, [7_007, 7_326, 2_909, 4_205]),
            (128, 2048, [9_922, 11_309, 4_336, 6_651]),
            (5000, 500, [1_459, 1_602, 566, 898]),
        ]
        return figures.flatMap { isl, osl, values in
            zip(systems, values).map { system, value in
                let (hardware, precision, tp) = system
                return CalibrationCase(
                    setting: "TensorRT-LLM Llama-3.3-70B \(hardware) TP\(tp) \(precision.uppercased()) \(isl)/\(osl)",
                    source: "TensorRT-LLM perf overview, v1.0", published: value, unit: "output tok/s"
                ) { catalog in
                    try maxThroughput(catalog, hardware: hardware, precision: precision, tp: tp, isl: isl, osl: osl)
                }
            }
        }
    }()

    /// Output tok/s of the whole deployment with every request queued at once, on the virtual clock.
    static func maxThroughput(_ catalog: Catalog, hardware: String, precision: String, tp: Int, isl: Int, osl: Int) throws -> Double {
        let shape = WorkerShape(tp: tp)
        let config = try SimConfig.resolve(
            catalog: catalog, hardware: hardware, model: "llama70b", precision: precision,
            kvCacheDType: "fp8", topology: .aggregated(shape))
        return try FigureReplay.outputThroughput(config, shape: shape, isl: isl, osl: osl, concurrency: nil)
    }
}
