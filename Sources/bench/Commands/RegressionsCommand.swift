import Analysis
import ArgumentParser
import Foundation
import Matrix
import Orchestrator
import Store

/// `bench regressions`: judges the history again and lists the verdicts.
struct RegressionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regressions",
        abstract: "Judge every run's frontiers against their history and list regressions, improvements and suspects.",
        discussion: """
            Per series (model, precision, ISL/OSL, hardware, framework, spec decoding, disagg; runs compared only with runs \
            of the same trigger, engine and clock), the y metric is read off each run's frontier at fixed interactivity \
            levels and as the frontier's area; the newest value is compared with the median of the previous --window runs. \
            A change beyond both --threshold and --z noise units is suspect; two runs in a row make a regression or \
            improvement. Annotated runs (bench annotate) restart the baseline. The verdicts are stored (the dashboard marks them).
            """)

    @OptionGroup var database: DatabaseOption
    @Option(
        name: .customLong("run"), help: "Only this run's verdicts (default: regressions and improvements of every run, suspects of the newest runs).")
    var onlyRun: Int64?
    @Option(help: "The y metric read off the frontiers.") var metric: YMetric = .totalPerGPU
    @Option(
        help: ArgumentHelp(
            "Interactivity levels, tok/s/user (default: round levels (1, 1.5, 2, 3, 5, 7 per decade) in each series' range).", valueName: "list"))
    var levels: String?
    @Option(help: "Earlier runs in the baseline.") var window = 8
    @Option(help: "Smallest relative change that counts.") var threshold = 0.05
    @Option(help: "Smallest change in noise units.") var z = 3.0
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var catalogOption: CatalogOption

    func validate() throws {
        if window < 1 { throw ValidationError("--window must be at least 1") }
        if !(0...1).contains(threshold) { throw ValidationError("--threshold is a fraction between 0 and 1, e.g. 0.05") }
        if try parsedLevels() == [] { throw ValidationError("--levels lists no level") }
    }

    func parsedLevels() throws -> [Double]? {
        try levels.map { text in
            try text.split(separator: ",").map { item in
                guard let value = Double(item.trimmingCharacters(in: .whitespaces)), value > 0 else {
                    throw ValidationError("--levels '\(item)': write positive numbers separated by commas, e.g. 20,50,100")
                }
                return value
            }
        }
    }

    func run() throws {
        let catalog = try loadCatalog(catalogOption.path)
        let store = try openStore(database.path, existing: true)
        var settings = RegressionSettings()
        settings.metric = metric
        settings.levels = try parsedLevels()
        settings.window = window
        settings.threshold = threshold
        settings.z = z
        let report = try storeCall { () throws(StoreError) in try RegressionRefresh.run(store: store, catalog: catalog, settings: settings) }
        let shown = Self.shown(report.findings, run: onlyRun)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            Console.line(String(decoding: try encoder.encode(shown), as: UTF8.self))
            return
        }
        guard !shown.isEmpty else {
            return Console.line(
                "no regressions, improvements or suspects (\(report.judged.values.reduce(0, +)) measures judged over \(report.judged.count) runs)")
        }
        let header = ["run", "verdict", "change", "z", "baseline → value", "shift", "series · measure"]
        Console.write(
            TextTable.render(
                [header]
                    + shown.map { finding in
                        [
                            String(finding.runID), finding.verdict, String(format: "%+.1f%%", finding.relativeChange * 100),
                            String(format: "%.1f", finding.z),
                            String(format: "%.4g", finding.baseline) + " → " + String(format: "%.4g", finding.value),
                            finding.shiftRunID.map(String.init) ?? "-",
                            "\(finding.series.label) · \(finding.measure)",
                        ]
                    }))
    }

    /// One run's verdicts; else every confirmed verdict and the suspects of each lineage's newest run.
    static func shown(_ findings: [StoredFinding], run: Int64?) -> [StoredFinding] {
        if let run { return findings.filter { $0.runID == run } }
        let newest = Dictionary(grouping: findings, by: \.series.lineage).mapValues { $0.map(\.runID).max() ?? 0 }
        return findings.filter { $0.verdict != "suspect" || newest[$0.series.lineage] == $0.runID }
    }
}
