import Catalog
import Foundation
import Testing

@testable import Analysis

@Suite struct RegressionScanTests {
    /// One series' frontier: throughput per GPU against interactivity at six concurrencies.
    static let base: [(interactivity: Double, perGPU: Double)] = [(180, 700), (120, 1000), (75, 1250), (45, 1500), (25, 1700), (12, 1800)]

    static func point(run: Int64, index: Int, interactivity: Double, perGPU: Double, repeatIndex: Int = 0, hardware: String = "h200") -> AnalysisPoint
    {
        let series = SeriesKey(
            model: "m", precision: "fp8", isl: 1024, osl: 128, hardware: hardware, framework: "sglang",
            specDecoding: "none", disaggregated: false, run: run)
        return AnalysisPoint(
            series: series, pointID: run * 100 + Int64(index), concurrency: 1 << index, gpus: 8, interactivity: interactivity,
            e2el: 128 / interactivity, totalPerGPU: perGPU, inputPerGPU: perGPU * 0.9, outputPerGPU: perGPU * 0.1,
            measuredJoulesPerToken: nil, deployment: "TP8", config: "c", date: Date(), repeatIndex: repeatIndex)
    }

    /// `runs` runs of the base frontier; from `dropAt` on every throughput is 15% lower. Each run
    /// scales its points by one run-to-run noise draw (machine state) plus a smaller per-point one.
    static func history(runs: Int, dropAt: Int? = nil, noise: Double, seed: UInt64, repeats: Int = 1) -> [AnalysisPoint] {
        var random = SeededNoise(state: seed)
        return (1...runs).flatMap { run -> [AnalysisPoint] in
            let level = (dropAt.map { run >= $0 } ?? false ? 0.85 : 1) * (1 + noise * random.normal())
            return (0..<repeats).flatMap { repeatIndex in
                base.enumerated().map { index, knot in
                    point(
                        run: Int64(run), index: index, interactivity: knot.interactivity * (1 + noise / 2 * random.normal()),
                        perGPU: knot.perGPU * level * (1 + noise / 2 * random.normal()), repeatIndex: repeatIndex)
                }
            }
        }
    }

    static func runs(_ count: Int, annotated: Set<Int64> = [], lineage: (Int64) -> String = { _ in "nightly/sim/real-time" }) -> [ScanRun] {
        (1...Int64(count)).map { ScanRun(id: $0, lineage: lineage($0), annotated: annotated.contains($0)) }
    }

    @Test func anInjectedDropIsARegressionAtTheSecondRunWithTheShiftAtTheFirst() throws {
        let scan = RegressionScan(catalog: try Catalog.load())
        let outcome = scan.scan(Self.history(runs: 12, dropAt: 10, noise: 0.01, seed: 7), runs: Self.runs(12))
        let confirmed = outcome.findings.filter { $0.result.verdict == .regression }
        #expect(outcome.findings.allSatisfy { $0.run >= 10 }, "nothing before the drop: \(outcome.findings.map { ($0.run, $0.measure) })")
        #expect(outcome.findings.contains { $0.run == 10 && $0.result.verdict == .suspect })
        #expect(confirmed.contains { $0.run == 11 && $0.measure.level == nil }, "the frontier's area")
        #expect(confirmed.contains { $0.run == 11 && $0.measure.level == 50 })
        #expect(confirmed.allSatisfy { $0.shiftRun == 10 && $0.result.relativeChange < -0.1 })
        #expect(outcome.judged[4] == 8, "the area and levels 15 to 150: \(outcome.judged)")
    }

    @Test func levelsAreRoundValuesInsideTheRange() {
        #expect(RegressionScan.levelGrid([12...180]) == [15, 20, 30, 50, 70, 100, 150])
        #expect(RegressionScan.levelGrid([0.5...3]) == [0.5, 0.7, 1, 1.5, 2, 3])
        #expect(RegressionScan.levelGrid([106...140]) == [120], "none on the grid: the geometric middle")
        #expect(RegressionScan.levelGrid([]) == [])
    }

    @Test func anAnnotatedRunRestartsTheBaseline() throws {
        let scan = RegressionScan(catalog: try Catalog.load())
        let outcome = scan.scan(Self.history(runs: 12, dropAt: 10, noise: 0.01, seed: 7), runs: Self.runs(12, annotated: [10]))
        #expect(outcome.findings.isEmpty, "an intended change is not a regression: \(outcome.findings.map { ($0.run, $0.result.verdict) })")
        #expect(outcome.judged[11] == nil && outcome.judged[12] == nil, "too little history after the annotation")
    }

    @Test func lineagesAreNeverCompared() throws {
        let scan = RegressionScan(catalog: try Catalog.load())
        // Runs 10–12 are hand-run virtual sweeps of a slower setup: a lineage of their own.
        let outcome = scan.scan(
            Self.history(runs: 12, dropAt: 10, noise: 0.01, seed: 7),
            runs: Self.runs(12) { $0 >= 10 ? "manual/sim/virtual" : "nightly/sim/real-time" })
        #expect(outcome.findings.isEmpty)
    }

    @Test func repeatsAreAveragedAndTheirSpreadIsNoise() throws {
        let scan = RegressionScan(catalog: try Catalog.load())
        let points = Self.history(runs: 12, dropAt: 10, noise: 0.01, seed: 11, repeats: 3)
        let outcome = scan.scan(points, runs: Self.runs(12))
        #expect(outcome.findings.contains { $0.run == 11 && $0.result.verdict == .regression })
        #expect(outcome.findings.allSatisfy { $0.run >= 10 })
    }

    @Test func lowerIsBetterMetricsTurnTheDropIntoAHigherCost() throws {
        var scan = RegressionScan(catalog: try Catalog.load())
        scan.y = .costNeocloud
        let outcome = scan.scan(Self.history(runs: 12, dropAt: 10, noise: 0.01, seed: 7), runs: Self.runs(12))
        let confirmed = outcome.findings.filter { $0.result.verdict == .regression }
        #expect(!confirmed.isEmpty && confirmed.allSatisfy { $0.result.relativeChange > 0.1 })
    }

    /// The documented rates (docs/nightly.md): over 400 seeds, the 15% drop under 2% noise is
    /// confirmed by the run after it; over 400 noise-only histories of 15 runs, how often any
    /// measure of a series is called a regression on a judged run.
    @Test func detectionAndFalsePositiveRatesOverManySeeds() throws {
        let scan = RegressionScan(catalog: try Catalog.load())
        var caught = 0, located = 0
        var falseRegressions = 0, falseRuns = 0, judgedRuns = 0
        for seed in 0..<400 {
            let drop = scan.scan(Self.history(runs: 12, dropAt: 10, noise: 0.02, seed: 1_000 + UInt64(seed)), runs: Self.runs(12))
            let atEleven = drop.findings.filter { $0.run == 11 && $0.result.verdict == .regression }
            if !atEleven.isEmpty { caught += 1 }
            if atEleven.contains(where: { $0.shiftRun == 10 }) { located += 1 }
            let quiet = scan.scan(Self.history(runs: 15, noise: 0.02, seed: 50_000 + UInt64(seed)), runs: Self.runs(15))
            judgedRuns += quiet.judged.count
            let flagged = quiet.findings.filter { $0.result.verdict != .suspect }
            falseRegressions += flagged.count
            falseRuns += Set(flagged.map(\.run)).count
        }
        print(
            "RegressionScan, 2% noise: 15% drop confirmed at the next run in \(caught)/400 (shift located in \(located)); "
                + "noise only: \(falseRuns) of \(judgedRuns) judged runs had a regression/improvement verdict (\(falseRegressions) measures)")
        #expect(caught >= 390)
        #expect(Double(falseRuns) / Double(judgedRuns) < 0.01)
    }
}
