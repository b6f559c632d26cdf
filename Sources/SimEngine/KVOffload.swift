import Catalog

/// A CPU tier under the prefix cache (InferenceX's `kv-offloading: dram`): blocks evicted from GPU
/// memory are copied to host memory and loaded back when a prompt hits them.
public struct KVOffload: Sendable, Hashable {
    /// Host memory for offloaded KV over the whole deployment, in bytes (InferenceX's `total-cpu-dram-gb`).
    public var cpuBytes: Double
    /// Each GPU's host link, one direction, GB/s: offloads and reloads move at this rate on every
    /// GPU in parallel.
    public var gbpsPerGPU: Double

    public init(cpuBytes: Double, gbpsPerGPU: Double) {
        self.cpuBytes = cpuBytes
        self.gbpsPerGPU = gbpsPerGPU
    }

    /// `totalGB` (1e9 bytes, as SGLang's `--hicache-size`) of host memory behind the GPU's host link
    /// from the catalog, or `gbps` when given.
    public static func dram(totalGB: Double, hardware: HardwareSpec, gbps: Double? = nil) throws(SimConfigError) -> KVOffload {
        guard totalGB.isFinite, totalGB > 0, totalGB < 1e9 else {
            throw SimConfigError("KV offload size \(totalGB) GB is not a positive number of GB", fix: "pass a size such as 1000")
        }
        guard let rate = gbps ?? hardware.hostLinkGBps else {
            throw SimConfigError(
                "\(hardware.name) has no host-link-gbps in the catalog", fix: "pass the host link rate (--kv-offload-gbps) or add host-link-gbps to the GPU")
        }
        guard rate.isFinite, rate > 0, rate < 1e6 else {
            throw SimConfigError("KV offload bandwidth \(rate) GB/s is not a positive rate", fix: "pass GB/s per GPU and direction, such as 64")
        }
        return KVOffload(cpuBytes: totalGB * 1e9, gbpsPerGPU: rate)
    }
}

/// One worker's host link as KV offload uses it: every GPU moves its own share of a token's KV
/// at the link rate, all GPUs at once.
struct HostLink {
    /// Wall seconds to move one token's KV (each GPU its share, in parallel).
    let secondsPerToken: Double
    /// One token's KV over all the worker's GPUs.
    let bytesPerToken: Double
    let gpus: Int

    init(offload: KVOffload, model: PerfModel) {
        secondsPerToken = model.kvBytesPerTokenPerGPU / (offload.gbpsPerGPU * 1e9)
        bytesPerToken = model.kvBytesPerTokenPerGPU * Double(model.gpus)
        gpus = model.gpus
    }

    /// Blocks the worker's share of `offload.cpuBytes` holds, split evenly over `workers`.
    static func capacityBlocks(_ offload: KVOffload, model: PerfModel, workers: Int) -> Int {
        let blockBytes = Double(PrefixBlocks.blockSize) * model.kvBytesPerTokenPerGPU * Double(model.gpus)
        let blocks = (offload.cpuBytes / Double(max(1, workers)) / blockBytes).rounded(.down)
        // Outside numbers: a huge or odd size must not trap the conversion.
        return blocks.isFinite && blocks > 0 ? Int(min(blocks, Double(1 << 40))) : 0
    }

    func nanoseconds(tokens: Int) -> Int64 { Int64((Double(tokens) * secondsPerToken * 1e9).rounded(.up)) }
}
