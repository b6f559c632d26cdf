import Catalog
import Foundation

/// A run as the regression scan orders history.
public struct ScanRun: Sendable, Equatable {
    public var id: Int64
    /// What makes runs comparable besides the series (engine and clock): histories never mix lineages.
    public var lineage: String
    /// An intended change was recorded against this run: baselines restart here.
    public var annotated: Bool

    public init(id: Int64, lineage: String, annotated: Bool = false) {
        self.id = id
        self.lineage = lineage
        self.annotated = annotated
    }
}

/// A series across runs: a SeriesKey without its run, within one lineage.
public struct HistoryKey: Sendable, Hashable, Comparable {
    public var series: SeriesKey
    public var lineage: String

    public init(series: SeriesKey, lineage: String) {
        var series = series
        series.run = 0
        self.series = series
        self.lineage = lineage
    }

    /// Stable text identity (stored with findings).
    public var id: String {
        series.fields.filter { $0.0 != "run" }.map { "\($0.0)=\($0.1)" }.joined(separator: ";") + ";lineage=\(lineage)"
    }

    public var label: String {
        "\(series.hardware) \(series.framework) \(series.model) \(series.precision) \(series.isl)/\(series.osl)"
            + (series.specDecoding == "none" ? "" : " \(series.specDecoding)") + (series.disaggregated ? " disagg" : "") + " [\(lineage)]"
    }

    public static func < (a: HistoryKey, b: HistoryKey) -> Bool { a.id < b.id }
}

/// What is tracked of a frontier across runs: y read at a fixed interactivity, or the area under it.
public struct RegressionMeasure: Sendable, Hashable {
    /// Interactivity (tok/s/user); nil for the area.
    public var level: Double?

    public init(level: Double?) { self.level = level }

    /// `tput-per-gpu@50` or `tput-per-gpu@area`.
    public func name(_ y: YMetric) -> String {
        "\(y.rawValue)@" + (level.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? "area")
    }
}

/// One non-normal verdict of the gate on one run.
public struct RegressionFinding: Sendable {
    public var run: Int64
    public var history: HistoryKey
    public var measure: RegressionMeasure
    public var value: Double
    public var result: RegressionGate.Result
    /// The first run of the shift (change-point pass; else the first violating run).
    public var shiftRun: Int64?
}

/// Regression detection on frontiers: for each series, per run, the frontier of y
/// against interactivity is read at fixed interactivity levels, and its area (∫ y d ln x) is
/// taken; each forms a time series across runs that the gate judges run by run. Repeats within
/// a run give one frontier each: the run's value is their mean and their spread is noise.
public struct RegressionScan: Sendable {
    public var gate = RegressionGate()
    public var y: YMetric = .totalPerGPU
    /// Interactivity levels; nil: a grid of round levels within each series' range (levelGrid).
    public var levels: [Double]?
    public let catalog: Catalog

    public init(catalog: Catalog) { self.catalog = catalog }

    public struct Outcome: Sendable {
        public var findings: [RegressionFinding]
        /// Measures judged (not insufficient history) per run: what coverage a summary reports.
        public var judged: [Int64: Int]
    }

    /// Judges every run of `runs` (oldest first) against the runs before it; points of runs not
    /// listed are ignored.
    public func scan(_ points: [AnalysisPoint], runs: [ScanRun]) -> Outcome {
        var gate = self.gate
        gate.better = y.better
        let order = Dictionary(uniqueKeysWithValues: runs.enumerated().map { ($1.id, $0) })
        var byHistory: [HistoryKey: [Int64: [AnalysisPoint]]] = [:]
        for point in points {
            guard let index = order[point.series.run] else { continue }
            byHistory[HistoryKey(series: point.series, lineage: runs[index].lineage), default: [:]][point.series.run, default: []].append(point)
        }
        var outcome = Outcome(findings: [], judged: [:])
        for (history, byRun) in byHistory.sorted(by: { $0.key < $1.key }) {
            let timeline = byRun.keys.sorted { order[$0]! < order[$1]! }
            let readings = timeline.map { reading(byRun[$0]!, hardware: catalog.hardware(forRunner: history.series.hardware)) }
            let measures =
                [RegressionMeasure(level: nil)] + (levels ?? Self.levelGrid(readings.compactMap(\.range))).map { RegressionMeasure(level: $0) }
            for measure in measures {
                var values: [Double] = [], runIDs: [Int64] = []
                for (run, reading) in zip(timeline, readings) {
                    // An intended change recorded here: the baseline starts again from this run.
                    if runs[order[run]!].annotated { values = []; runIDs = [] }
                    guard let value = reading.value(measure) else { continue }
                    values.append(value.mean)
                    runIDs.append(run)
                    let result = gate.judge(values, repeatSpread: value.spread)
                    if result.verdict != .insufficientHistory { outcome.judged[run, default: 0] += 1 }
                    guard [.suspect, .regression, .improvement].contains(result.verdict) else { continue }
                    outcome.findings.append(
                        RegressionFinding(
                            run: run, history: history, measure: measure, value: value.mean, result: result,
                            shiftRun: Self.shiftStart(values, runIDs: runIDs, verdict: result.verdict, window: gate.window)))
                }
            }
        }
        return outcome
    }

    /// The first run of the shift the newest value belongs to: the last change point within the
    /// window, else the first of the violating runs.
    static func shiftStart(_ values: [Double], runIDs: [Int64], verdict: RegressionGate.Verdict, window: Int) -> Int64 {
        let last = values.count - 1
        if let point = ChangePoints.find(values).last(where: { $0 <= last && $0 >= last - window }) { return runIDs[point] }
        return runIDs[verdict == .suspect ? last : max(0, last - 1)]
    }

    /// The frontiers of one run of one series, one per repeat.
    struct Reading {
        var curves: [FrontierCurve]

        var range: ClosedRange<Double>? {
            let ranges = curves.compactMap(\.range)
            guard let low = ranges.map(\.lowerBound).min(), let high = ranges.map(\.upperBound).max() else { return nil }
            return low...high
        }

        /// Mean over the repeats that cover the measure, and their standard deviation.
        func value(_ measure: RegressionMeasure) -> (mean: Double, spread: Double?)? {
            let values = curves.compactMap { curve in measure.level.map { curve.value(at: $0) } ?? RegressionScan.area(curve) }
            guard !values.isEmpty else { return nil }
            let mean = values.reduce(0, +) / Double(values.count)
            guard values.count > 1 else { return (mean, nil) }
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
            return (mean, variance.squareRoot())
        }
    }

    func reading(_ points: [AnalysisPoint], hardware: HardwareSpec?) -> Reading {
        let repeats = Dictionary(grouping: points, by: \.repeatIndex).sorted { $0.key < $1.key }
        return Reading(
            curves: repeats.map { _, members in
                let valued = members.compactMap { point -> (x: Double, y: Double)? in
                    guard let x = point.interactivity, let value = y.value(point, hardware: hardware) else { return nil }
                    return (x, value)
                }
                let frontier = Frontier.indices(x: valued.map(\.x), y: valued.map(\.y), xBetter: .higher, yBetter: y.better)
                return FrontierCurve(points: frontier.map { valued[$0] })
            })
    }

    /// ∫ y d(ln x) over the curve's own range (trapezoids in ln x); nil for fewer than two knots.
    static func area(_ curve: FrontierCurve) -> Double? {
        guard curve.knots.count > 1 else { return nil }
        return zip(curve.knots, curve.knots.dropFirst()).reduce(0) { sum, pair in
            sum + (pair.0.y + pair.1.y) / 2 * (log(pair.1.x) - log(pair.0.x))
        }
    }

    /// Round values (1, 1.5, 2, 3, 5, 7 per decade: about two per factor of 2) within the union of
    /// `ranges`; when none falls inside, the range's geometric middle to two digits. A frontier
    /// spans less than a decade of interactivity in a typical sweep: a 1-2-5 grid often misses it.
    static func levelGrid(_ ranges: [ClosedRange<Double>]) -> [Double] {
        guard let low = ranges.map(\.lowerBound).min(), let high = ranges.map(\.upperBound).max(), low > 0 else { return [] }
        var levels: [Double] = []
        var decade = pow(10, floor(log10(low)))
        while decade <= high {
            for step in [1.0, 1.5, 2, 3, 5, 7] where (low...high).contains(decade * step) {
                levels.append(Double(String(format: "%.6g", decade * step))!)  // 0.7, not 0.7000000000000001
            }
            decade *= 10
        }
        guard levels.isEmpty else { return levels }
        let middle = (low * high).squareRoot(), scale = pow(10, floor(log10(middle)) - 1)
        return [(middle / scale).rounded() * scale]
    }
}
