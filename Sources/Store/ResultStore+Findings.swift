import Foundation
import GRDB

/// An intended change recorded against a run (`bench annotate`).
public struct StoredAnnotation: Sendable, Equatable, Codable {
    public var id: Int64
    public var runID: Int64
    public var text: String
    public var createdAt: Date
}

/// The series a finding is about (a series across runs, within one lineage).
public struct FindingSeries: Sendable, Equatable, Codable {
    public var id: String
    public var label: String
    public var model: String
    public var precision: String
    public var isl: Int
    public var osl: Int
    public var hardware: String
    public var framework: String
    public var specDecoding: String
    public var disaggregated: Bool
    /// trigger/engine/clock: runs are compared only within one lineage.
    public var lineage: String

    public init(
        id: String, label: String, model: String, precision: String, isl: Int, osl: Int, hardware: String, framework: String,
        specDecoding: String, disaggregated: Bool, lineage: String
    ) {
        self.id = id
        self.label = label
        self.model = model
        self.precision = precision
        self.isl = isl
        self.osl = osl
        self.hardware = hardware
        self.framework = framework
        self.specDecoding = specDecoding
        self.disaggregated = disaggregated
        self.lineage = lineage
    }
}

/// One verdict of the regression gate, as stored in `regression`.
public struct StoredFinding: Sendable, Equatable, Codable {
    public var runID: Int64
    public var series: FindingSeries
    public var measure: String
    public var metric: String
    public var level: Double?
    /// `suspect`, `regression` or `improvement`.
    public var verdict: String
    public var value: Double
    public var baseline: Double
    public var relativeChange: Double
    public var z: Double
    public var shiftRunID: Int64?

    public init(
        runID: Int64, series: FindingSeries, measure: String, metric: String, level: Double?, verdict: String,
        value: Double, baseline: Double, relativeChange: Double, z: Double, shiftRunID: Int64?
    ) {
        self.runID = runID
        self.series = series
        self.measure = measure
        self.metric = metric
        self.level = level
        self.verdict = verdict
        self.value = value
        self.baseline = baseline
        self.relativeChange = relativeChange
        self.z = z
        self.shiftRunID = shiftRunID
    }
}

extension ResultStore {
    /// Records `text` against `run`; refuses a run the database does not hold.
    public func annotate(run: Int64, text: String, at time: Date = Date()) throws(StoreError) -> Int64 {
        let id: Int64? = try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM run WHERE id = ?", arguments: [run]) ?? false else { return nil }
            try db.execute(sql: "INSERT INTO annotation (run_id, text, created_at) VALUES (?, ?, ?)", arguments: [run, text, time])
            return db.lastInsertedRowID
        }
        guard let id else { throw StoreError.noSuchRun(path: path, run: run) }
        return id
    }

    /// Every annotation, oldest run first.
    public func annotations() throws(StoreError) -> [StoredAnnotation] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM annotation ORDER BY run_id, id").map {
                StoredAnnotation(id: $0["id"], runID: $0["run_id"], text: $0["text"], createdAt: $0["created_at"])
            }
        }
    }

    /// Replaces every stored verdict with `findings` (a scan judges the whole history at once).
    public func replaceFindings(_ findings: [StoredFinding], at time: Date = Date()) throws(StoreError) {
        try write { db in
            try db.execute(sql: "DELETE FROM regression")
            let statement = try db.makeStatement(
                sql: """
                    INSERT INTO regression (run_id, series, series_label, model, precision, isl, osl, hardware, framework, spec_decoding,
                        disagg, lineage, measure, metric, level, verdict, value, baseline, relative_change, z, shift_run_id, detected_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for finding in findings {
                let series = finding.series
                try statement.execute(arguments: [
                    finding.runID, series.id, series.label, series.model, series.precision, series.isl,
                    series.osl, series.hardware, series.framework, series.specDecoding, series.disaggregated,
                    series.lineage, finding.measure, finding.metric, finding.level, finding.verdict,
                    finding.value, finding.baseline, finding.relativeChange, finding.z, finding.shiftRunID, time,
                ])
            }
        }
    }

    /// Stored verdicts (of one run, or all), by run then series and measure.
    public func findings(run: Int64? = nil) throws(StoreError) -> [StoredFinding] {
        try read { db in
            let filter = run == nil ? "" : "WHERE run_id = ?"
            let arguments: StatementArguments = run.map { [$0] } ?? []
            return try Row.fetchAll(db, sql: "SELECT * FROM regression \(filter) ORDER BY run_id, series_label, level", arguments: arguments).map {
                StoredFinding(
                    runID: $0["run_id"],
                    series: FindingSeries(
                        id: $0["series"], label: $0["series_label"], model: $0["model"], precision: $0["precision"],
                        isl: $0["isl"], osl: $0["osl"], hardware: $0["hardware"], framework: $0["framework"],
                        specDecoding: $0["spec_decoding"], disaggregated: $0["disagg"], lineage: $0["lineage"]),
                    measure: $0["measure"],
                    metric: $0["metric"], level: $0["level"], verdict: $0["verdict"], value: $0["value"],
                    baseline: $0["baseline"], relativeChange: $0["relative_change"], z: $0["z"], shiftRunID: $0["shift_run_id"])
            }
        }
    }
}
