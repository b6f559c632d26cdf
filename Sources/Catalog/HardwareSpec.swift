/// One GPU type as the catalog knows it: peak figures per GPU, cost and power.
public struct HardwareSpec: Codable, Sendable, Equatable {
    public var name: String = ""
    public var displayName: String
    public var vendor: String
    /// Architecture generation (hopper, blackwell, cdna3, cdna4): names the simulator's efficiency entry.
    public var generation: String
    public var aliases: [String]
    public var bf16TFLOPs: Double
    public var fp8TFLOPs: Double
    /// Absent on GPUs without native FP4 (Hopper, MI300X, MI325X).
    public var fp4TFLOPs: Double?
    /// Memory capacity as the vendor states it ("180 GB"); those figures are binary units.
    public var hbmGB: Double
    public var hbmTBps: Double
    /// One direction, per GPU.
    public var scaleUpGBps: Double
    public var scaleUpLink: String
    public var scaleUpDomain: Int
    /// Per-GPU NIC rate, one direction, for traffic that leaves the scale-up domain.
    public var scaleOutGBps: Double
    /// The GPU's link to host memory, one direction, per GPU (PCIe, or NVLink-C2C to a Grace CPU):
    /// what KV offload to CPU memory moves over. Its source group is `host-link`.
    public var hostLinkGBps: Double?
    public var hostLink: String?
    public var tdpW: Double
    /// All-in provisioned kW per GPU (GPU, host, network, facility), for tokens per MW.
    public var allInKW: Double
    public var usdPerGPUHour: CostModels
    /// Where each figure group comes from: compute, memory, scale-up, tdp, cost, power.
    public var sources: [String: String]

    public static let requiredSourceGroups = ["compute", "memory", "scale-up", "scale-out", "host-link", "tdp", "cost", "power"]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case displayName = "display-name", vendor, generation, aliases
        case bf16TFLOPs = "bf16-tflops", fp8TFLOPs = "fp8-tflops", fp4TFLOPs = "fp4-tflops"
        case hbmGB = "hbm-gb", hbmTBps = "hbm-tbps"
        case scaleUpGBps = "scale-up-gbps", scaleUpLink = "scale-up-link", scaleUpDomain = "scale-up-domain"
        case scaleOutGBps = "scale-out-gbps"
        case hostLinkGBps = "host-link-gbps", hostLink = "host-link"
        case tdpW = "tdp-w", allInKW = "all-in-kw", usdPerGPUHour = "usd-per-gpu-hour", sources
    }

    /// Peak dense TFLOP/s at a precision name as used in matrices (`bf16`, `fp8`, `fp4`, ...).
    /// Precisions the GPU lacks natively fall back to the next wider format it has.
    /// Device memory in bytes. Vendors' GB capacities are GiB: nvidia-smi reports 183,359 MiB on
    /// a "180 GB" B200, 143,771 MiB on a "141 GB" H200 and 81,559 MiB on an "80 GB" H100 (the
    /// driver keeps a few hundred MiB), within 0.5% of hbm-gb × 2^30.
    public var memoryBytes: Double { hbmGB * 1_073_741_824 }

    public func peakTFLOPs(precision: String) -> Double {
        switch precision.lowercased() {
        // Without FP4 tensor cores engines dequantize 4-bit weights into BF16 GEMMs (W4A16: the
        // Triton MXFP4 MoE kernels TensorRT-LLM, vLLM and SGLang run on Hopper).
        case "fp4", "nvfp4", "mxfp4": return fp4TFLOPs ?? bf16TFLOPs
        case "fp8", "int8", "mxfp8": return fp8TFLOPs
        default: return bf16TFLOPs
        }
    }
}

/// US$ per GPU-hour under the three cost models InferenceX reports.
public struct CostModels: Codable, Sendable, Equatable {
    public var hyperscaler: Double
    public var neocloud: Double
    public var rental3yr: Double

    public static let names = ["hyperscaler", "neocloud", "rental-3yr"]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case hyperscaler, neocloud, rental3yr = "rental-3yr"
    }
}
