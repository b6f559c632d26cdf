import Analysis
import Catalog
import Dashboard
import Foundation
import Store

/// How regressions are judged: the y metric read off each frontier, the interactivity levels,
/// and the gate's window and thresholds (nightly config `regression:`, `bench regressions`).
public struct RegressionSettings: Sendable, Codable, Equatable {
    public var metric: YMetric = .totalPerGPU
    /// tok/s/user levels; nil: round levels (1, 1.5, 2, 3, 5, 7 per decade) within each series' range.
    public var levels: [Double]?
    public var window = 8
    public var minimumHistory = 3
    /// Smallest relative change that counts (0.05 = 5%).
    public var threshold = 0.05
    /// Smallest change in noise units (median absolute deviation as a standard deviation, or the repeats' spread).
    public var z = 3.0

    public init() {}

    func scan(catalog: Catalog) -> RegressionScan {
        var scan = RegressionScan(catalog: catalog)
        scan.y = metric
        scan.levels = levels
        scan.gate.window = window
        scan.gate.minimumHistory = minimumHistory
        scan.gate.relativeThreshold = threshold
        scan.gate.zThreshold = z
        return scan
    }
}

/// What one scan of the whole history found.
public struct RegressionReport: Sendable {
    public var findings: [StoredFinding]
    /// Measures judged per run (coverage).
    public var judged: [Int64: Int]

    public func findings(run: Int64, verdict: String? = nil) -> [StoredFinding] {
        findings.filter { $0.runID == run && (verdict == nil || $0.verdict == verdict) }
    }
}

/// Judges every finished run of the database with the regression scan and stores the verdicts
/// (replacing the previous scan's): run after each nightly, after `bench annotate`, and by
/// `bench regressions`. Runs are compared only within a lineage (trigger, engine, clock), so a
/// nightly history is never judged against hand-run or virtual sweeps.
public enum RegressionRefresh {
    public static func run(store: ResultStore, catalog: Catalog, settings: RegressionSettings) throws(StoreError) -> RegressionReport {
        let annotated = Set(try store.annotations().map(\.runID))
        // Only finished runs are judged or used as baselines: an interrupted, aborted or killed run
        // covers part of its frontiers (a smaller area is not a regression). An annotation on such
        // a run restarts the baseline at the lineage's next finished run.
        var runs: [ScanRun] = [], pendingReset: Set<String> = []
        for run in try store.runs().sorted(by: { $0.id < $1.id }) {
            let lineage = "\(run.trigger)/\(run.engine ?? "-")/\(run.clock ?? "-")"
            guard run.status == .finished else {
                if annotated.contains(run.id) { pendingReset.insert(lineage) }
                continue
            }
            runs.append(ScanRun(id: run.id, lineage: lineage, annotated: annotated.contains(run.id) || pendingReset.remove(lineage) != nil))
        }
        let outcome = settings.scan(catalog: catalog).scan(try StoredAnalysisPoints.load(store), runs: runs)
        let findings = outcome.findings.map { finding in
            let series = finding.history.series
            return StoredFinding(
                runID: finding.run,
                series: FindingSeries(
                    id: finding.history.id, label: finding.history.label, model: series.model, precision: series.precision,
                    isl: series.isl, osl: series.osl, hardware: series.hardware, framework: series.framework,
                    specDecoding: series.specDecoding, disaggregated: series.disaggregated, lineage: finding.history.lineage),
                measure: finding.measure.name(settings.metric), metric: settings.metric.rawValue, level: finding.measure.level,
                verdict: finding.result.verdict.rawValue, value: finding.value, baseline: finding.result.baseline,
                relativeChange: finding.result.relativeChange, z: finding.result.z, shiftRunID: finding.shiftRun)
        }
        try store.replaceFindings(findings)
        return RegressionReport(findings: findings, judged: outcome.judged)
    }
}
