import Foundation
import Yams

/// A published measurement of a real engine on real GPUs, in a setting the simulated engine can
/// replay (Resources/published-figures.yaml, read by `bench perf sim-calibration`).
public struct PublishedFigure: Codable, Sendable, Equatable {
    public enum Metric: String, Codable, Sendable {
        case outputPerGPU = "output-tok-s-per-gpu", outputTotal = "output-tok-s-total", totalTotal = "total-tok-s-total"
        /// Median time per output token or to first token, in milliseconds, at the figure's concurrency.
        case medianTPOT = "median-tpot-ms", medianTTFT = "median-ttft-ms"
        /// One pool of a disaggregated deployment, measured alone: input tok/s per GPU of a prefill pool
        /// kept full of `isl`-token prompts, or output tok/s per GPU of a decode pool running
        /// `concurrency` sequences per GPU (nil: as many as its KV cache holds) at `isl` tokens of context.
        case prefillInputPerGPU = "prefill-input-tok-s-per-gpu", decodeOutputPerGPU = "decode-output-tok-s-per-gpu"

        /// One pool of a disaggregated deployment.
        public var isPool: Bool { self == .prefillInputPerGPU || self == .decodeOutputPerGPU }

        /// Throughputs are better higher, latencies lower.
        public var higherIsBetter: Bool { self != .medianTPOT && self != .medianTTFT }
    }

    public var id: String
    public var source: String
    /// The independent organisation or publication behind the figure (one spelling per publisher),
    /// the unit of leave-one-publisher-out validation: a vendor's docs and blog are one publisher.
    public var publisher: String
    public var url: String
    public var hardware: String
    public var model: String
    public var precision: String
    public var framework: String
    public var tp: Int
    public var ep: Int
    public var dpAttention: Bool
    public var isl: Int
    public var osl: Int
    /// Requests in flight; nil when the source sent every request at once (maximum throughput).
    public var concurrency: Int?
    public var metric: Metric
    public var value: Double
    /// The GPUs the figure covers.
    public var gpus: Int
    public var kvCache: String?
    /// The engine's memory knob where the source sets it (else the framework's default).
    public var memoryFraction: Double?
    /// `mtp` when the engine decoded speculatively with the model's draft head (else none).
    public var specDecoding: String?
    /// Mean tokens accepted per step where the source states it (else the simulator's default).
    public var acceptanceLength: Double?
    public var quote: String

    enum CodingKeys: String, CodingKey {
        case id, source, publisher, url, hardware, model, precision, framework, tp, ep, dpAttention = "dp-attention", isl, osl
        case concurrency, metric, value, gpus, kvCache = "kv-cache", memoryFraction = "memory-fraction", quote
        case specDecoding = "spec-decoding", acceptanceLength = "acceptance-length"
    }

    /// Whether the figure was measured with MTP speculative decoding.
    public var isSpeculative: Bool { specDecoding?.lowercased() == "mtp" }

    /// The figures bench ships.
    public static func bundled() throws -> [PublishedFigure] {
        guard let url = Bundle.module.url(forResource: "published-figures", withExtension: "yaml") else {
            throw DiagnosticsError([
                Diagnostic(.error, at: nil, "bundled resource published-figures.yaml is missing", hint: "the build is broken; rebuild bench")
            ])
        }
        return try YAMLDecoder().decode([PublishedFigure].self, from: try String(contentsOf: url, encoding: .utf8))
    }
}
