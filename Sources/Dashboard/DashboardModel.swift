import Analysis
import Catalog
import Foundation
import Matrix
import Store

/// What names a view: a model × precision × ISL/OSL, its file slug and title.
struct ViewHeader: Encodable {
    var slug: String
    var title: String
    var model: String
    var precision: String
    var isl: Int
    var osl: Int
    /// `agentic-coding` for a view of trace-replay points (ISL/OSL 0); absent for fixed-seq-len.
    var scenario: String?
}

/// One view of the dashboard with every series in it.
struct DashboardView {
    var header: ViewHeader
    var series: [DashboardSeries]

    var slug: String { header.slug }
    var title: String { header.title }

    /// The header's fields and `series` in one object; `seriesJSON` gives each series' text (a
    /// series is in both the all-runs and the newest-runs file, and is written once).
    func json(seriesJSON: (DashboardSeries) -> String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let header = String(decoding: try encoder.encode(header), as: UTF8.self)
        return header.dropLast() + ",\"series\":[" + series.map(seriesJSON).joined(separator: ",") + "]}"
    }
}

/// One hardware × framework (× spec decoding, disagg) line of one run, with every point.
struct DashboardSeries {
    var id: String
    /// The series without its run: hardware, framework, spec decoding, disagg.
    var line: String
    var label: String
    var hardware: String
    var framework: String
    var run: Int64
    var simulated: Bool
    /// The catalog's all-in kW and $/GPU-hr (hyperscaler, neocloud, 3-year rental): app.js derives
    /// tok/s per MW, $ per M tokens and J/token from them with YMetric's formulas (docs/dashboard.md).
    var allInKW: Double?
    var usdPerGPUHour: [Double]?
    var style: SeriesStyle
    var points: [DashboardPoint]

    static func line(hardware: String, framework: String, specDecoding: String, disaggregated: Bool) -> String {
        "\(hardware)-\(framework)-\(specDecoding)-\(disaggregated ? "disagg" : "agg")"
    }

    /// Indices into `points` of the frontier on these axes, increasing x (Analysis.Frontier).
    func frontier(x: XMetric = .interactivity, y: YMetric = .totalPerGPU) -> [Int] {
        let usable = points.indices.filter { points[$0].failure == nil && points[$0].x[x.rawValue] != nil && points[$0].y[y.rawValue] != nil }
        let kept = Frontier.indices(
            x: usable.map { points[$0].x[x.rawValue]! }, y: usable.map { points[$0].y[y.rawValue]! },
            xBetter: x.better, yBetter: y.better)
        return kept.map { usable[$0] }
    }
}

/// Repeated texts: each once in `names`, then per point its index (the drill-down's failure kinds).
struct Lookup: Encodable {
    var names: [String]
    var of: [Int]
}

/// A column of numbers to 4 significant digits (null where absent; the charts draw no finer), as
/// one JSON array written through one container: an Encodable per number costs JSONEncoder a
/// nested encoder each, which was most of a large site's write time.
struct Rounded: Encodable {
    var values: [Double?]

    init(_ values: [Double?]) { self.values = values.map(Self.round) }

    static func round(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        guard value != 0 else { return 0 }
        let scale = pow(10, 3 - floor(log10(abs(value))))
        return (value * scale).rounded() / scale
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        for value in values {
            if let value { try c.encode(value) } else { try c.encodeNil() }
        }
    }
}

struct DashboardPoint {
    var id: Int64
    var conc: Int
    var gpus: Int
    var deployment: String
    var config: String
    /// x metric name → value; y metric name → value (absent when unknown).
    var x: [String: Double]
    var y: [String: Double]
    /// TTFT statistic name → seconds (TTFTStatistic).
    var ttft: [String: Double] = [:]
    /// Agentic points' prefix-cache hit rates: `theoretical`, `server` → fraction.
    var hit: [String: Double] = [:]
    /// Why the failure gate failed it: drawn hollow, never on a frontier.
    var failure: String?
    /// The simulated engine's run of it, for measured points (nil on the simulator's own runs).
    var simulated: SimulatedBeside.Entry?
}

/// Run metadata shown on the page.
public struct DashboardRun: Encodable, Sendable {
    public var id: Int64
    public var started: String
    public var status: String
    public var engine: String
    public var clock: String
    public var host: String
    public var harnessVersion: String
    public var engineCommands: [String]
    /// `manual`, `nightly`, …
    public var trigger: String
    /// Intended changes recorded against the run (`bench annotate`).
    public var annotations: [String]

    public init(
        id: Int64, started: String, status: String, engine: String, clock: String, host: String, harnessVersion: String,
        engineCommands: [String], trigger: String = "manual", annotations: [String] = []
    ) {
        self.trigger = trigger
        self.annotations = annotations
        self.id = id
        self.started = started
        self.status = status
        self.engine = engine
        self.clock = clock
        self.host = host
        self.harnessVersion = harnessVersion
        self.engineCommands = engineCommands
    }
}

extension DashboardView {
    /// Only the newest run of each hardware × framework × spec decoding × disagg line: what the
    /// page shows first (older runs are in the history and behind "all runs").
    var newestRuns: DashboardView {
        var copy = self
        let newest = Dictionary(grouping: series, by: \.line).mapValues { $0.map(\.run).max() ?? 0 }
        copy.series = series.filter { newest[$0.line] == $0.run }
        return copy
    }
}

/// A regression-gate verdict placed on the history: its view, line, run and measure.
struct DashboardMark: Encodable {
    var view: String
    var line: String
    var series: String
    var run: Int64
    var measure: String
    var level: Double?
    var verdict: String
    var change: Double
    var z: Double
    var shiftRun: Int64?

    init(_ finding: StoredFinding) {
        let series = finding.series
        view = ViewKey(model: series.model, precision: series.precision, isl: series.isl, osl: series.osl).slug
        line = DashboardSeries.line(
            hardware: series.hardware, framework: series.framework, specDecoding: series.specDecoding,
            disaggregated: series.disaggregated)
        self.series = series.label
        run = finding.runID
        measure = finding.measure
        level = finding.level
        verdict = finding.verdict
        change = finding.relativeChange
        z = finding.z
        shiftRun = finding.shiftRunID
    }
}

enum DashboardModel {
    /// Views in a stable order (model, precision, ISL, OSL); each series' points with every metric,
    /// failed ones (measured, over the failure rate) among them with their reason.
    static func views(
        _ points: [AnalysisPoint], failed: [(point: AnalysisPoint, reason: String)] = [], simulatedRuns: Set<Int64>,
        beside: SimulatedBeside? = nil, catalog: Catalog
    ) -> [DashboardView] {
        let all: [(point: AnalysisPoint, failure: String?)] = points.map { ($0, nil) } + failed.map { ($0.point, $0.reason) }
        let byView = Dictionary(grouping: all) {
            ViewKey(model: $0.point.series.model, precision: $0.point.series.precision, isl: $0.point.series.isl, osl: $0.point.series.osl)
        }
        return byView.keys.sorted().map { key in
            let members = byView[key]!
            let series = Dictionary(grouping: members, by: \.point.series).sorted { $0.key < $1.key }.map { seriesKey, seriesPoints in
                makeSeries(
                    seriesKey, seriesPoints.sorted { $0.point.concurrency < $1.point.concurrency }, simulated: simulatedRuns.contains(seriesKey.run),
                    beside: beside, catalog: catalog)
            }
            let agentic = members.contains { $0.point.agentic != nil }
            return DashboardView(
                header: ViewHeader(
                    slug: key.slug, title: "\(key.model) \(key.precision.uppercased()) " + (agentic ? "agentic-coding" : "\(key.isl)/\(key.osl)"),
                    model: key.model, precision: key.precision, isl: key.isl, osl: key.osl,
                    scenario: agentic ? "agentic-coding" : nil),
                series: series)
        }
    }

    static func makeSeries(
        _ key: SeriesKey, _ points: [(point: AnalysisPoint, failure: String?)], simulated: Bool, beside: SimulatedBeside?,
        catalog: Catalog
    ) -> DashboardSeries {
        let hardware = catalog.hardware(forRunner: key.hardware)
        let rows = points.map { point, failure in
            DashboardPoint(
                id: point.pointID, conc: point.concurrency, gpus: point.gpus, deployment: point.deployment, config: point.config,
                x: Dictionary(uniqueKeysWithValues: XMetric.allCases.compactMap { m in m.value(point).map { (m.rawValue, $0) } }),
                y: Dictionary(uniqueKeysWithValues: YMetric.allCases.compactMap { m in m.value(point, hardware: hardware).map { (m.rawValue, $0) } }),
                ttft: Dictionary(uniqueKeysWithValues: TTFTStatistic.allCases.compactMap { m in m.value(point).map { (m.rawValue, $0) } }),
                hit: Dictionary(
                    uniqueKeysWithValues: [
                        ("theoretical", point.agentic?.theoreticalCacheHitRate), ("server", point.agentic?.serverCacheHitRate),
                    ].compactMap { name, value in value.map { (name, $0) } }),
                failure: failure, simulated: beside?.points[point.pointID])
        }
        let label =
            "\(key.hardware.uppercased()) \(key.framework)" + (key.specDecoding == "none" ? "" : " \(key.specDecoding)")
            + (key.disaggregated ? " disagg" : "") + " · run \(key.run)" + (simulated ? " (sim)" : "")
        let line = DashboardSeries.line(
            hardware: key.hardware, framework: key.framework, specDecoding: key.specDecoding, disaggregated: key.disaggregated)
        return DashboardSeries(
            id: "\(line)-r\(key.run)", line: line, label: label, hardware: key.hardware, framework: key.framework, run: key.run, simulated: simulated,
            allInKW: hardware?.allInKW,
            usdPerGPUHour: hardware.map { [$0.usdPerGPUHour.hyperscaler, $0.usdPerGPUHour.neocloud, $0.usdPerGPUHour.rental3yr] },
            style: SeriesStyle(
                hardware: key.hardware, framework: key.framework, specDecoding: key.specDecoding,
                disaggregated: key.disaggregated, catalog: catalog),
            points: rows)
    }
}

struct ViewKey: Hashable, Comparable {
    var model: String
    var precision: String
    var isl: Int
    var osl: Int

    /// File-name safe: letters, digits and dashes only, plus a hash so distinct keys never collide.
    var slug: String {
        // ASCII only: 60 characters are then 60 bytes, well under a file name's 255-byte limit.
        let text = "\(model)-\(precision)-\(isl)-\(osl)".lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        return String(text).split(separator: "-").joined(separator: "-").prefix(60) + "-"
            + String(StableHash.hex("\(model)|\(precision)|\(isl)|\(osl)").prefix(6))
    }

    static func < (a: ViewKey, b: ViewKey) -> Bool {
        (a.model, a.precision, a.isl, a.osl) < (b.model, b.precision, b.isl, b.osl)
    }
}
