import Analysis
import Foundation
import Testing

/// A seeded normal generator (SplitMix64 + Box–Muller): the same noise on every machine.
struct SeededNoise {
    var state: UInt64

    mutating func uniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }

    mutating func normal() -> Double {
        (-2 * log(max(uniform(), 1e-300))).squareRoot() * cos(2 * .pi * uniform())
    }
}

@Suite struct RegressionGateTests {
    /// 14 runs of a throughput near 1000 with 1% run-to-run noise, 15% lower from run 10 on.
    static func drop(seed: UInt64) -> [Double] {
        var noise = SeededNoise(state: seed)
        return (0..<14).map { run in (run >= 10 ? 850 : 1000) * (1 + 0.01 * noise.normal()) }
    }

    @Test func anInjectedDropIsSuspectThenARegressionAtTheRightRun() {
        let gate = RegressionGate()
        let series = Self.drop(seed: 42)
        let verdicts = (1...series.count).map { gate.judge(Array(series.prefix($0))).verdict }
        #expect(verdicts.prefix(3).allSatisfy { $0 == .insufficientHistory })
        #expect(verdicts[3..<10].allSatisfy { $0 == .normal }, "\(verdicts)")
        #expect(verdicts[10] == .suspect)
        #expect(verdicts[11] == .regression)
        #expect(ChangePoints.find(series) == [10])
        // The same rise is an improvement, and for a lower-is-better metric the drop is one too.
        var lowerIsBetter = gate
        lowerIsBetter.better = .lower
        #expect(lowerIsBetter.judge(Array(series.prefix(12))).verdict == .improvement)
    }

    /// The 15% drop under 2% noise, over 500 seeds: caught as a regression by the second run after
    /// it, and the change point names its first run.
    @Test func theDropIsCaughtUnderHeavierNoiseToo() {
        let gate = RegressionGate()
        var caught = 0, located = 0
        for seed in 0..<500 {
            var noise = SeededNoise(state: UInt64(seed) &+ 1_000_003)
            let series = (0..<14).map { run in (run >= 10 ? 850 : 1000) * (1 + 0.02 * noise.normal()) }
            if gate.judge(Array(series.prefix(12))).verdict == .regression { caught += 1 }
            if ChangePoints.find(series) == [10] { located += 1 }
        }
        print("15% drop under 2% noise: regression by the second run in \(caught)/500, change point at the drop in \(located)/500")
        #expect(caught >= 490 && located >= 490)
    }

    /// Over 2,000 noise-only histories (2% run-to-run noise, 15 runs each, every run from the
    /// fourth judged): how often the gate cries regression, and the change-point pass a shift.
    @Test func noiseAloneRarelyRaisesARegression() {
        let gate = RegressionGate()
        var judged = 0, regressions = 0, suspects = 0, shifted = 0
        for seed in 0..<2000 {
            var noise = SeededNoise(state: UInt64(seed) &* 7919)
            let series = (0..<15).map { _ in 1000 * (1 + 0.02 * noise.normal()) }
            for end in 4...series.count {
                let verdict = gate.judge(Array(series.prefix(end))).verdict
                judged += 1
                if verdict == .regression || verdict == .improvement { regressions += 1 }
                if verdict == .suspect { suspects += 1 }
            }
            if !ChangePoints.find(series).isEmpty { shifted += 1 }
        }
        let regressionRate = Double(regressions) / Double(judged)
        print(
            "noise-only: \(judged) judgments, regression/improvement rate \(regressionRate), suspect rate \(Double(suspects) / Double(judged)), histories with a change point \(Double(shifted) / 2000)"
        )
        #expect(regressionRate < 0.005)
        #expect(Double(shifted) / 2000 < 0.05)
    }
}
