import Analysis
import Catalog
import Foundation
import Matrix
import Store

/// Writes the static dashboard: `index.html` (the default view's chart inlined as SVG and its
/// data embedded, so it reads from file:// with no server and no network), `app.js`,
/// `style.css`, `manifest.json`, and per view `views/<slug>.json`, `.js` (the same data as a
/// script, which file:// pages can load where fetch is refused) and `.csv`. Everything goes to a
/// temporary folder first and is renamed into place.
public enum SiteWriter {
    public struct Summary: Sendable {
        public var views: Int
        public var points: Int
        /// index.html (with the default view's data) + the scripts + style.css: what a first visit loads.
        public var firstViewBytes: Int
        /// Points with a drill-down (`points/<id>.json` and `.js`) and those files' bytes.
        public var detailPoints: Int
        public var detailBytes: Int
    }

    /// `failed`: points the failure gate failed, drawn hollow with their reason. `details`: each point's
    /// drill-down, streamed into `points/`. `beside`: measured points' simulated runs and residuals.
    static func write(
        points: [AnalysisPoint], failed: [(point: AnalysisPoint, reason: String)] = [], runs: [DashboardRun],
        findings: [StoredFinding] = [], details: PointFiles.Stream = { _ in }, beside: SimulatedBeside? = nil,
        catalog: Catalog, to output: String, generatedAt: Date = Date()
    ) throws -> Summary {
        let simulated = Set(runs.filter { $0.engine == "sim" }.map(\.id))
        let views = DashboardModel.views(points, failed: failed, simulatedRuns: simulated, beside: beside, catalog: catalog)
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        let parent = outputURL.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(outputURL.lastPathComponent).staging-\(getpid())")
        let fileManager = FileManager.default
        try? fileManager.removeItem(at: staging)
        // Gone after a successful swap; on any error, the half-written staging copy is removed here.
        defer { try? fileManager.removeItem(at: staging) }
        try fileManager.createDirectory(at: staging.appendingPathComponent("views"), withIntermediateDirectories: true)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var latestData: [String: String] = [:]
        for view in views {
            // Each series' text once, for both files, by its first point's id (point ids are unique).
            let seriesJSON = Dictionary(uniqueKeysWithValues: view.series.map { ($0.points[0].id, $0.json) })
            let json = try view.json { seriesJSON[$0.points[0].id]! }
            try json.write(to: staging.appendingPathComponent("views/\(view.slug).json"), atomically: false, encoding: .utf8)
            try viewScript(key: view.slug, json: json).write(
                to: staging.appendingPathComponent("views/\(view.slug).js"), atomically: false, encoding: .utf8)
            let latest = try view.newestRuns.json { seriesJSON[$0.points[0].id]! }
            latestData[view.slug] = latest
            try viewScript(key: view.slug + "@latest", json: latest)
                .write(to: staging.appendingPathComponent("views/\(view.slug).latest.js"), atomically: false, encoding: .utf8)
            try ViewCSV.render(view).write(to: staging.appendingPathComponent("views/\(view.slug).csv"), atomically: false, encoding: .utf8)
        }
        let manifest = Manifest(
            generated: ISO8601DateFormatter().string(from: generatedAt),
            views: views.map { .init(header: $0.header, series: $0.series.count, points: $0.series.reduce(0) { $0 + $1.points.count }) },
            runs: runs, marks: findings.map(DashboardMark.init), simBand: beside?.band,
            yMetrics: YMetric.allCases.map { .init(id: $0.rawValue, unit: $0.unit, better: $0.better.rawValue) })
        let manifestJSON = String(decoding: try encoder.encode(manifest), as: UTF8.self)
        try manifestJSON.write(to: staging.appendingPathComponent("manifest.json"), atomically: false, encoding: .utf8)
        let defaultView = views.first?.newestRuns
        let html = PageTemplate.index(
            manifestJSON: manifestJSON, defaultView: defaultView, defaultViewJSON: defaultView.flatMap { latestData[$0.slug] })
        try html.write(to: staging.appendingPathComponent("index.html"), atomically: false, encoding: .utf8)
        for resource in Self.resources {
            guard let url = Bundle.module.url(forResource: resource, withExtension: nil) else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: resource])
            }
            try fileManager.copyItem(at: url, to: staging.appendingPathComponent(resource))
        }
        let detail = try PointFiles.write(details, to: staging.appendingPathComponent("points"))
        try swapIntoPlace(staging, outputURL)
        let firstBytes = [html.utf8.count] + Self.resources.map { size(outputURL.appendingPathComponent($0)) }
        return Summary(
            views: views.count, points: points.count, firstViewBytes: firstBytes.reduce(0, +), detailPoints: detail.points,
            detailBytes: detail.bytes)
    }

    /// The hand-written scripts and stylesheet every page loads.
    static let resources = ["common.js", "export.js", "legend.js", "drilldown.js", "compare.js", "app.js", "style.css"]

    /// The old site is renamed aside, the new one renamed in, the old one removed: a reader sees
    /// one whole site or the other (for the instant between the renames, none). A site a killed
    /// publisher left renamed aside is first put back (when nothing is at `output`) or removed.
    public static func swapIntoPlace(_ staging: URL, _ output: URL) throws {
        let fileManager = FileManager.default
        recoverRetired(output)
        let retired = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
        let existed = fileManager.fileExists(atPath: output.path)
        if existed { try fileManager.moveItem(at: output, to: retired) }
        do {
            try fileManager.moveItem(at: staging, to: output)
        } catch {
            if existed { try? fileManager.moveItem(at: retired, to: output) }
            throw error
        }
        if existed { try? fileManager.removeItem(at: retired) }
    }

    /// `.NAME.old-PID` folders beside `output`: a kill between the two renames leaves one and no
    /// site; the newest is restored when `output` is missing, the others are removed.
    static func recoverRetired(_ output: URL) {
        let fileManager = FileManager.default
        let parent = output.deletingLastPathComponent(), prefix = ".\(output.lastPathComponent).old-"
        let retired = ((try? fileManager.contentsOfDirectory(atPath: parent.path)) ?? []).filter { $0.hasPrefix(prefix) }
            .map { parent.appendingPathComponent($0) }
            .sorted { modified($0) > modified($1) }
        for (index, folder) in retired.enumerated() {
            if index == 0, !fileManager.fileExists(atPath: output.path), (try? fileManager.moveItem(at: folder, to: output)) != nil { continue }
            try? fileManager.removeItem(at: folder)
        }
    }

    private static func modified(_ url: URL) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date) ?? .distantPast
    }

    /// A view's data as a script that registers it: file:// pages may load scripts, not fetch files.
    static func viewScript(key: String, json: String) -> String {
        "window.BENCH_VIEWS = window.BENCH_VIEWS || {};\nwindow.BENCH_VIEWS[\(jsString(key))] = \(HTMLText.scriptSafeJSON(json));\n"
    }

    static func size(_ url: URL) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    }

    static func jsString(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
        return HTMLText.scriptSafeJSON(String(String(decoding: data, as: UTF8.self).dropFirst().dropLast()))
    }
}

struct Manifest: Encodable {
    /// A view's header and counts, encoded flat.
    struct View: Encodable {
        var header: ViewHeader
        var series: Int
        var points: Int

        enum Keys: CodingKey { case series, points }

        func encode(to encoder: any Encoder) throws {
            try header.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(series, forKey: .series)
            try container.encode(points, forKey: .points)
        }
    }

    struct Metric: Encodable {
        var id: String
        var unit: String
        var better: String
    }

    var generated: String
    var views: [View]
    var runs: [DashboardRun]
    var marks: [DashboardMark]
    /// The anomaly band of the residuals against the simulator (absent without them).
    var simBand: Double?
    var yMetrics: [Metric]
}

/// One CSV row per point of a view, every metric as a column.
enum ViewCSV {
    static func render(_ view: DashboardView) -> String {
        // p90 TTFT is also an agentic x axis; its column is the TTFT statistics' own.
        let xs = XMetric.allCases.filter { $0 != .ttftP90 }.map(\.rawValue), ys = YMetric.allCases.map(\.rawValue), ttfts = TTFTStatistic.allCases.map(\.rawValue)
        var lines = [
            (["series", "hardware", "framework", "run", "simulated", "point_id", "config", "conc", "gpus", "deployment"] + xs + ys + ttfts + [
                "failed", "sim_tput_per_gpu", "sim_residual", "sim_anomaly", "theoretical_cache_hit_rate", "server_cache_hit_rate",
            ])
            .joined(separator: ",")
        ]
        for series in view.series {
            for point in series.points {
                let cells =
                    [
                        series.label, series.hardware, series.framework, "\(series.run)", "\(series.simulated)", "\(point.id)", point.config,
                        "\(point.conc)",
                        "\(point.gpus)", point.deployment,
                    ] + xs.map { point.x[$0].map { "\($0)" } ?? "" } + ys.map { point.y[$0].map { "\($0)" } ?? "" }
                    + ttfts.map { point.ttft[$0].map { "\($0)" } ?? "" }
                    + [point.failure ?? ""] + simulatedCells(point.simulated)
                    + ["theoretical", "server"].map { point.hit[$0].map { "\($0)" } ?? "" }
                lines.append(cells.map(CSVField.quoted).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Simulated tok/s/GPU, residual and anomaly; for a point the simulator could not run, why in the last.
    static func simulatedCells(_ entry: SimulatedBeside.Entry?) -> [String] {
        switch entry {
        case .simulated(let perGPU, _, let residual, let anomaly): ["\(perGPU)", "\(residual)", anomaly ? "ANOMALY" : ""]
        case .refused(let reason): ["", "", "not simulated: \(reason)"]
        case nil: ["", "", ""]
        }
    }
}
