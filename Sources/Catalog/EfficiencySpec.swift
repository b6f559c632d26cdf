/// How far real engines fall short of the roofline on one GPU architecture generation, as the
/// simulator applies it. One entry per generation, fitted against the published figures listed
/// in docs/simulator.md, never per data point.
public struct EfficiencySpec: Codable, Sendable, Equatable {
    public var generation: String = ""
    /// Fraction of peak HBM bandwidth that weight and KV reads achieve.
    public var hbm: Double
    /// Fraction of peak dense FLOP/s that GEMMs and attention achieve.
    public var compute: Double
    /// Fraction of the scale-up link rate that collectives achieve.
    public var link: Double
    /// Fraction of the scale-out (NIC) rate that cross-domain traffic achieves.
    public var scaleOutLink: Double
    /// Fixed cost of one all-reduce, in microseconds.
    public var collectiveLatencyUs: Double
    /// Fixed cost of one MoE dispatch or combine at EP8, in microseconds; wider EP scales it by log2(EP)/3.
    public var allToAllLatencyUs: Double
    /// Share of a decode step's MoE all-to-all (low-latency kernels) hidden behind the other
    /// micro-batch's compute (two-batch overlap), up to whichever of the two is shorter.
    public var decodeEPOverlap: Double
    /// The same for steps with prefill (high-throughput kernels, which hold SMs while they run).
    public var prefillEPOverlap: Double
    /// Fixed time per layer per step: launch gaps and the small kernels no roofline sees.
    public var layerOverheadUs: Double
    /// Least time one layer pass takes however little it moves: a small step's chain of dependent
    /// kernels (norms, projections, routing, expert GEMMs, all-reduces) each costs its launch and
    /// ramp whatever its size. A step's roofline never falls below passes × this; large batches
    /// never see it.
    public var layerFloorUs: Double
    /// Scheduler time per step that the overlap scheduler does not hide.
    public var stepOverheadUs: Double
    /// Scheduler time per running sequence per step.
    public var sequenceOverheadUs: Double
    public var sources: [String: String]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case hbm, compute, link, scaleOutLink = "scale-out-link"
        case collectiveLatencyUs = "collective-latency-us", allToAllLatencyUs = "all-to-all-latency-us"
        case decodeEPOverlap = "decode-ep-overlap", prefillEPOverlap = "prefill-ep-overlap", layerOverheadUs = "layer-overhead-us"
        case layerFloorUs = "layer-floor-us", stepOverheadUs = "step-overhead-us", sequenceOverheadUs = "sequence-overhead-us"
        case sources
    }

    /// Fields outside what the simulator can use, each as "name value (range)": shares of a peak
    /// above 0 and at most 1.5, overlaps from 0 to 1, fixed costs from 0 to a second.
    public var outOfRange: [String] {
        let shares: [(String, Double)] = [("hbm", hbm), ("compute", compute), ("link", link), ("scale-out-link", scaleOutLink)]
        let overlaps: [(String, Double)] = [("decode-ep-overlap", decodeEPOverlap), ("prefill-ep-overlap", prefillEPOverlap)]
        let microseconds: [(String, Double)] = [
            ("collective-latency-us", collectiveLatencyUs), ("all-to-all-latency-us", allToAllLatencyUs), ("layer-overhead-us", layerOverheadUs),
            ("layer-floor-us", layerFloorUs), ("step-overhead-us", stepOverheadUs), ("sequence-overhead-us", sequenceOverheadUs),
        ]
        return shares.filter { !($0.1 > 0 && $0.1 <= 1.5) }.map { "\($0.0) \($0.1) (a share of peak, above 0 and at most 1.5)" }
            + overlaps.filter { !($0.1 >= 0 && $0.1 <= 1) }.map { "\($0.0) \($0.1) (a share, 0 to 1)" }
            + microseconds.filter { !($0.1 >= 0 && $0.1 <= 1e6) }.map { "\($0.0) \($0.1) (microseconds, 0 to 1,000,000)" }
    }

    /// A copy with every throughput-bearing factor scaled, and the layer floor with them, for "what
    /// if this GPU were x% slower".
    public func scaled(by factor: Double) -> EfficiencySpec {
        var copy = self
        copy.layerFloorUs /= factor
        copy.hbm *= factor
        copy.compute *= factor
        copy.link *= factor
        copy.scaleOutLink *= factor
        return copy
    }
}
