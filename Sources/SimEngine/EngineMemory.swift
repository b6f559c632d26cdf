import Foundation

/// How an engine splits one GPU's memory between weights, its KV cache and the rest (activations,
/// CUDA graphs, runtime), the way each framework does it, so a deployment that runs for real is
/// admitted and gets about the KV cache the engine would. docs/simulator.md gives the sources.
public struct EngineMemory: Sendable, Hashable {
    public enum Accounting: String, Sendable, Hashable {
        /// SGLang: `--mem-fraction-static` of total memory holds weights and the KV pool.
        case staticFraction
        /// vLLM and ATOM: `--gpu-memory-utilization` of total memory holds weights, the profiled
        /// activation peak, CUDA graphs and the KV cache.
        case utilization
        /// TensorRT-LLM: `free_gpu_memory_fraction` of what is free after weights and activations.
        case freeFraction
    }

    public var accounting: Accounting
    /// The framework's own knob when the deployment sets it; nil takes the framework's default.
    public var fraction: Double?
    /// The framework's default for `fraction` (SGLang computes its own from the GPU and layout).
    var defaultFraction = 0.9

    public init(accounting: Accounting, fraction: Double? = nil) {
        self.accounting = accounting
        self.fraction = fraction
    }

    /// The accounting of an InferenceX `framework` (dynamo-*, llmd-* and mori-* name the engine
    /// after the dash), with the knob read from the engine arguments when they set it.
    public static func of(framework: String, engineArguments: [String] = []) -> EngineMemory {
        let name = framework.lowercased()
        let accounting: Accounting, flag: String
        if name.contains("trt") {
            (accounting, flag) = (.freeFraction, "free_gpu_memory_fraction")
        } else if name.contains("vllm") || name.contains("atom") {
            (accounting, flag) = (.utilization, "--gpu-memory-utilization")
        } else {
            (accounting, flag) = (.staticFraction, "--mem-fraction-static")
        }
        var memory = EngineMemory(accounting: accounting, fraction: Self.value(of: flag, in: engineArguments))
        // vLLM's default went from 0.9 to 0.92 (docs.vllm.ai, serve --gpu-memory-utilization);
        // ATOM and TensorRT-LLM keep 0.9.
        if name.contains("vllm") { memory.defaultFraction = 0.92 }
        return memory
    }

    /// Memory outside the fraction's reach that vLLM, ATOM and TensorRT-LLM also need: the
    /// profiled activation peak at an 8k-token step plus CUDA graphs (assumed, a few GB in their
    /// start-up logs; SGLang keeps these outside its static fraction instead).
    static let runtimeReserveBytes = 4e9

    /// Bytes one GPU gives its KV cache (negative when the weights do not fit), and the fraction used.
    func kvBytes(memoryBytes: Double, weightBytes: Double, gpus: Int, chunkedPrefill: Int, speculative: Bool) -> (bytes: Double, fraction: Double) {
        switch accounting {
        case .staticFraction:
            let share = fraction ?? Self.sglangDefault(memoryBytes: memoryBytes, gpus: gpus, chunkedPrefill: chunkedPrefill, speculative: speculative)
            return (memoryBytes * share - weightBytes, share)
        case .utilization:
            let share = fraction ?? defaultFraction
            return (memoryBytes * share - weightBytes - Self.runtimeReserveBytes, share)
        case .freeFraction:
            let share = fraction ?? defaultFraction
            return ((memoryBytes - weightBytes - Self.runtimeReserveBytes) * share, share)
        }
    }

    /// SGLang's own choice when `--mem-fraction-static` is unset (server_args.py, 0.5.x): it
    /// reserves 512 MiB + 1.5 MiB per chunked-prefill token + 2 MiB per CUDA-graph batch size
    /// (512 from TP 4 up, else 256) + 1 GiB per 8 GPUs of the instance, at least 10 GiB on GPUs
    /// over 60 GB, 4 GiB more with speculative decoding, and keeps the rest.
    static func sglangDefault(memoryBytes: Double, gpus: Int, chunkedPrefill: Int, speculative: Bool) -> Double {
        let mib = 1_048_576.0
        let graphBatch = gpus >= 4 ? 512.0 : 256.0
        var reserved = (512 + 1.5 * Double(chunkedPrefill) + 2 * graphBatch + 1024 * Double(gpus) / 8) * mib
        if memoryBytes > 60e9 { reserved = max(reserved, 10 * 1024 * mib) }
        if speculative { reserved += 4 * 1024 * mib }
        return max(0.05, (memoryBytes - reserved) / memoryBytes)
    }

    /// `--flag 0.9`, `--flag=0.9` or `flag: 0.9` (TensorRT-LLM's YAML options passed through).
    private static func value(of flag: String, in arguments: [String]) -> Double? {
        for (index, argument) in arguments.enumerated() {
            let bare = flag.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
            for prefix in [flag + "=", bare + ":", bare + "="] where argument.hasPrefix(prefix) {
                return Self.fraction(argument.dropFirst(prefix.count))
            }
            if argument == flag || argument == bare, index + 1 < arguments.count { return Self.fraction(arguments[index + 1][...]) }
        }
        return nil
    }

    private static func fraction(_ text: Substring) -> Double? {
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value > 0, value <= 1 else { return nil }
        return value
    }
}
