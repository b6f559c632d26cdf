import Foundation
import Store

/// What one night did, for people (Markdown) and machines (JSON): coverage against the matrix,
/// failed points, the gate's verdicts on this run, and whether the site was published.
public struct NightlySummary: Codable, Sendable {
    public struct Coverage: Codable, Sendable {
        /// Points the matrices expand to (one repeat), and those skipped on this engine.
        public var matrixPoints = 0
        public var skipped = 0
        /// Points × repeats the sweep planned, then what it stored.
        public var planned = 0
        public var stored = 0
        public var ok = 0
        public var failed = 0
        /// Planned but not stored (interrupted, aborted).
        public var missing: Int { max(0, planned - stored) }
    }

    public struct FailedPoint: Codable, Sendable {
        public var config: String
        public var isl: Int
        public var osl: Int
        public var conc: Int
        public var repeatIndex: Int
        public var error: String
    }

    public var run: Int64?
    public var started: String
    public var finished: String = ""
    /// The sweep's end: finished, interrupted, aborted (or not-run).
    public var sweepStatus = "not-run"
    public var engine: String
    public var clock: String
    public var repeats: Int
    public var coverage = Coverage()
    public var skippedReasons: [String: Int] = [:]
    public var failures: [FailedPoint] = []
    public var regressions: [StoredFinding] = []
    public var improvements: [StoredFinding] = []
    public var suspects: [StoredFinding] = []
    /// Measures the gate judged on this run (0 while history is shorter than its minimum).
    public var judgedMeasures = 0
    public var site: String
    /// Each publish target and how it went (`skipped: …`, `ok`, `failed: …`).
    public var published: [String: String] = [:]
    /// What was recovered on the way (a stale lock, runs of killed nightlies).
    public var notes: [String] = []
    /// What made the night a failure (exit 2).
    public var problems: [String] = []
    public var exitStatus = ExitStatus.success

    /// Stamps the end time and the exit status the night has earned so far.
    mutating func settle() {
        finished = ISO8601DateFormatter().string(from: Date())
        exitStatus = !problems.isEmpty ? .partialFailure : regressions.isEmpty ? .success : .failure
    }

    public func markdown() -> String {
        var lines = ["# bench nightly" + (run.map { " · run \($0)" } ?? ""), ""]
        let verdict = exitStatus == .success ? "clean" : exitStatus == .failure ? "regressions found" : "failures"
        lines += [
            "- Result: **\(verdict)** (exit \(exitStatus.rawValue))", "- Started \(started), finished \(finished); sweep \(sweepStatus)",
            "- Engine \(engine) (\(clock)), \(repeats) repeat\(repeats == 1 ? "" : "s") per point",
            "- Coverage: \(coverage.matrixPoints) matrix points, \(coverage.skipped) skipped; \(coverage.planned) planned (× repeats), "
                + "\(coverage.ok) ok, \(coverage.failed) failed, \(coverage.missing) not run",
            "- Gate: \(judgedMeasures) measures judged; \(regressions.count) regressions, \(improvements.count) improvements, \(suspects.count) suspect",
            "- Site: \(Self.cell(site))",
        ]
        for (target, outcome) in published.sorted(by: { $0.key < $1.key }) { lines.append("- Publish \(Self.cell(target)): \(Self.cell(outcome))") }
        if !problems.isEmpty { lines += ["", "## Problems", ""] + problems.map { "- \(Self.cell($0))" } }
        if !notes.isEmpty { lines += ["", "## Recovered", ""] + notes.map { "- \(Self.cell($0))" } }
        for (title, findings) in [
            ("Regressions", regressions), ("Improvements", improvements), ("Suspect (one run; confirmed or cleared by the next)", suspects),
        ]
        where !findings.isEmpty {
            lines += [
                "", "## \(title)", "", "| series | measure | baseline | this run | change | z | shift from run |",
                "|---|---|---:|---:|---:|---:|---:|",
            ]
            for finding in findings {
                lines.append(
                    "| \(Self.cell(finding.series.label)) | \(Self.cell(finding.measure)) | \(Self.number(finding.baseline)) | \(Self.number(finding.value)) | "
                        + String(format: "%+.1f%%", finding.relativeChange * 100) + " | " + String(format: "%.1f", finding.z)
                        + " | \(finding.shiftRunID.map(String.init) ?? "–") |")
            }
        }
        if !failures.isEmpty {
            lines += ["", "## Failed points", "", "| config | ISL/OSL | conc | repeat | error |", "|---|---|---:|---:|---|"]
            for failure in failures {
                lines.append(
                    "| \(Self.cell(failure.config)) | \(failure.isl)/\(failure.osl) | \(failure.conc) | \(failure.repeatIndex) | \(Self.cell(failure.error)) |"
                )
            }
        }
        if !skippedReasons.isEmpty {
            lines += ["", "## Skipped points", ""] + skippedReasons.sorted(by: { $0.key < $1.key }).map { "- \($0.value) × \(Self.cell($0.key))" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }

    /// Table-safe text: one line, pipes escaped, capped.
    static func cell(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|")
        return flat.count > 300 ? String(flat.prefix(300)) + "…" : flat
    }

    static func number(_ value: Double) -> String { String(format: value >= 100 ? "%.0f" : "%.3g", value) }
}
