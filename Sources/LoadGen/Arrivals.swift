import Foundation

/// When requests are meant to be sent. Closed loop (`rate == nil`, "inf"): all at once, and the
/// concurrency cap paces them. Open loop: gamma-distributed gaps with mean 1/rate; burstiness 1 is
/// Poisson, below 1 burstier, above 1 more regular (vLLM's `--burstiness`). With both a rate and a
/// cap, requests that arrive while every slot is busy wait in the client's queue, and that wait
/// is recorded.
public struct Arrivals: Sendable, Equatable {
    public var rate: Double?
    public var burstiness: Double

    public init(rate: Double?, burstiness: Double = 1) {
        self.rate = rate
        self.burstiness = burstiness
    }

    /// Intended send offsets in seconds from the start, one per request, nondecreasing.
    public func offsets(count: Int, seed: UInt64) -> OffsetSequence {
        OffsetSequence(arrivals: self, random: WorkloadRandom(seed: seed, stream: 2, index: 0), remaining: count)
    }

    public struct OffsetSequence: Sequence, IteratorProtocol {
        let arrivals: Arrivals
        var random: WorkloadRandom
        var remaining: Int?
        var time = 0.0

        /// `remaining == nil` runs forever (for `--duration`).
        public mutating func next() -> Double? {
            if let left = remaining {
                guard left > 0 else { return nil }
                remaining = left - 1
            }
            guard let rate = arrivals.rate else { return 0 }
            let offset = time
            time += Self.gamma(shape: arrivals.burstiness, &random) / (rate * arrivals.burstiness)
            return offset
        }

        /// Marsaglia and Tsang's method, with the shape < 1 boost.
        static func gamma(shape: Double, _ random: inout WorkloadRandom) -> Double {
            if shape < 1 {
                return gamma(shape: shape + 1, &random) * pow(Swift.max(random.unit(), .leastNormalMagnitude), 1 / shape)
            }
            let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
            while true {
                let x = normal(&random)
                let v = pow(1 + c * x, 3)
                guard v > 0 else { continue }
                let u = random.unit()
                if log(Swift.max(u, .leastNormalMagnitude)) < 0.5 * x * x + d - d * v + d * log(v) { return d * v }
            }
        }

        /// Box–Muller.
        static func normal(_ random: inout WorkloadRandom) -> Double {
            let u1 = Swift.max(random.unit(), .leastNormalMagnitude), u2 = random.unit()
            return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        }
    }
}
