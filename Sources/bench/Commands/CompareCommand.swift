import Analysis
import ArgumentParser
import Foundation
import Matrix
import Metrics
import Orchestrator
import Store

/// `bench compare --a SERIES --b SERIES`: how far apart two frontiers are.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract:
            "The ratio of two frontiers (a / b) at given interactivities, and its min / median / max where both were measured; or, with --sim-residuals, one measured series against the simulated engine.",
        discussion:
            "--a and --b each select one series with space-separated KEY=VALUE terms over \(SeriesSelection.keys.joined(separator: ", ")), e.g. --a 'hardware=b200 framework=sglang' --b 'hardware=h200 framework=sglang'. When several stored runs match, the newest is used."
    )

    @Option(help: "Series a.") var a: String
    @Option(help: "Series b (not with --sim-residuals).") var b: String?
    @Flag(
        help:
            "Re-run every point of series a on the simulated engine (virtual clock, same deployment, concurrency and request count) and print measured / simulated − 1 per point."
    )
    var simResiduals = false
    @Option(help: "With --sim-residuals: a residual beyond ±band is flagged as an anomaly (docs/simulator.md gives the simulator's measured error).")
    var band = SimResiduals.defaultBand
    @Option(help: ArgumentHelp("Interactivities (tok/s/user) to read both frontiers at.", valueName: "list")) var at = "20,50,100"
    @Option(help: "y metric (for lower-is-better metrics such as cost the ratio is b / a, so > 1 always means a is better).") var y: YMetric =
        .totalPerGPU
    @OptionGroup var database: DatabaseOption
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var catalogOption: CatalogOption

    func validate() throws {
        if simResiduals {
            guard b == nil else { throw ValidationError("--sim-residuals compares series a with the simulator: leave out --b") }
            guard band > 0 else { throw ValidationError("--band must be positive, e.g. 0.35") }
        } else if b == nil {
            throw ValidationError("give --b (the series to compare a with), or --sim-residuals")
        }
    }

    func run() throws {
        if simResiduals { return try runResiduals() }
        let b = self.b ?? ""
        let targets = at.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !targets.isEmpty, targets.allSatisfy({ $0 > 0 }) else { throw ValidationError("--at: give positive interactivities, e.g. 20,50,100") }
        let catalog = try loadCatalog(catalogOption.path)
        let points = try loadAnalysisPoints(try openStore(database.path, existing: true))
        let frontiers = SeriesFrontier.all(points, x: .interactivity, y: y, catalog: catalog)
        let first = try Self.pick(frontiers, a, option: "--a"), second = try Self.pick(frontiers, b, option: "--b")
        // Lower-is-better metrics are compared the other way round, so a ratio above 1 favours a.
        let (numerator, denominator) = y.better == .higher ? (first.curve, second.curve) : (second.curve, first.curve)
        let comparison = FrontierComparison(a: numerator, b: denominator, at: targets)
        Console.write(json ? Self.json(comparison, first, second) : Self.text(comparison, first, second, y))
    }

    func runResiduals() throws {
        let catalog = try loadCatalog(catalogOption.path)
        let store = try openStore(database.path, existing: true)
        let frontiers = SeriesFrontier.all(try loadAnalysisPoints(store), x: .interactivity, y: .totalPerGPU, catalog: catalog)
        let series = try Self.pick(frontiers, a, option: "--a")
        let ids = Set(series.points.map(\.point.pointID))
        let rows = try storeCall { () throws(StoreError) in try store.points(run: series.series.run) }.filter { ids.contains($0.id) }
        let residuals: [SimResidual]
        do throws(SimulationRefusal) {
            residuals = try SimResiduals.compute(rows.sorted { $0.concurrency < $1.concurrency }, catalog: catalog)
        } catch {
            throw ValidationError("the simulator cannot run \(series.series.label): \(error.message)")
        }
        Console.write(json ? Self.json(residuals, series, band: band) : Self.text(residuals, series, band: band))
    }

    static func text(_ residuals: [SimResidual], _ series: SeriesFrontier, band: Double) -> String {
        func cell(_ text: String) -> String { text.padding(toLength: 14, withPad: " ", startingAt: 0) }
        func number(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "—" }
        var lines = [
            "measured: \(series.series.label)",
            "simulated: the same deployments on the virtual clock; residual = measured / simulated − 1 (total tok/s/GPU)", "",
            cell("concurrency") + cell("measured") + cell("simulated") + cell("residual") + cell("tok/s/user") + "sim tok/s/user",
        ]
        for residual in residuals {
            lines.append(
                cell("\(residual.concurrency)") + cell(number(residual.measuredPerGPU, "%.1f")) + cell(number(residual.simulatedPerGPU, "%.1f"))
                    + cell(String(format: "%+.1f%%", residual.residual * 100)) + cell(number(residual.measuredInteractivity, "%.1f"))
                    + number(residual.simulatedInteractivity, "%.1f") + (residual.isAnomaly(band: band) ? "  ANOMALY" : ""))
        }
        let anomalies = residuals.filter { $0.isAnomaly(band: band) }.count
        let median = Distribution.median(residuals.map(\.residual))
        lines.append("")
        lines.append(
            "\(residuals.count) points, median residual \(number(median.map { $0 * 100 }, "%+.1f%%")), \(anomalies) beyond ±\(String(format: "%.0f", band * 100))%"
        )
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ residuals: [SimResidual], _ series: SeriesFrontier, band: Double) -> String {
        JSONValue.object([
            ("series", .string(series.series.label)), ("band", .number(band)),
            (
                "points",
                .array(
                    residuals.map { residual in
                        .object([
                            ("point", .number(Double(residual.pointID))), ("concurrency", .number(Double(residual.concurrency))),
                            ("measured", .number(residual.measuredPerGPU)), ("simulated", .number(residual.simulatedPerGPU)),
                            ("residual", .number(residual.residual)), ("anomaly", .bool(residual.isAnomaly(band: band))),
                        ])
                    })
            ),
        ]).text + "\n"
    }

    static func pick(_ frontiers: [SeriesFrontier], _ text: String, option: String) throws -> SeriesFrontier {
        let selection = try SeriesSelection([text], option: option)
        let matching = frontiers.filter { selection.matches($0.series) && !$0.frontier.isEmpty }
        guard let newestRun = matching.map(\.series.run).max() else {
            Console.error("bench compare: \(option) '\(text)' matches no stored series with points; bench pareto lists them")
            throw ExitCode.failure
        }
        let newest = matching.filter { $0.series.run == newestRun }
        guard newest.count == 1 else {
            Console.error(
                "bench compare: \(option) '\(text)' matches \(newest.count) series in run \(newestRun):\n"
                    + newest.map { "  " + $0.series.label }.joined(separator: "\n")
                    + "\nadd terms (model=, precision=, isl=, osl=, framework=) to pick one")
            throw ExitCode.failure
        }
        return newest[0]
    }

    static func text(_ comparison: FrontierComparison, _ a: SeriesFrontier, _ b: SeriesFrontier, _ y: YMetric) -> String {
        func number(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "—" }
        var lines = [
            "a: \(a.series.label) (\(a.frontier.count) frontier points)", "b: \(b.series.label) (\(b.frontier.count) frontier points)",
            "y: \(y.rawValue) (\(y.unit)); ratio > 1 means a is better", "",
        ]
        lines.append(
            String(
                TextTable.render(
                    [["interactivity", "a", "b", "ratio"]]
                        + comparison.at.map { ratio in
                            let (aValue, bValue) = y.better == .higher ? (ratio.a, ratio.b) : (ratio.b, ratio.a)
                            return [
                                number(ratio.x, "%.1f"), number(aValue, "%.2f"), number(bValue, "%.2f"),
                                number(ratio.ratio, "%.2f×") + (ratio.ratio == nil ? " (outside a measured frontier)" : ""),
                            ]
                        }
                ).dropLast()))
        if let overlap = comparison.overlap {
            lines.append("")
            lines.append(
                String(
                    format: "over %.1f–%.1f tok/s/user (both measured): min %@, median %@, max %@", overlap.lowerBound, overlap.upperBound,
                    number(comparison.minimum, "%.2f×"), number(comparison.median, "%.2f×"), number(comparison.maximum, "%.2f×")))
        } else {
            lines.append("\nthe two frontiers cover no common interactivity range")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ comparison: FrontierComparison, _ a: SeriesFrontier, _ b: SeriesFrontier) -> String {
        var fields: [(String, JSONValue)] = [
            ("a", .string(a.series.label)), ("b", .string(b.series.label)),
            ("at", .array(comparison.at.map { .object([("interactivity", .number($0.x)), ("ratio", $0.ratio.json)]) })),
        ]
        if let overlap = comparison.overlap {
            fields += [
                ("overlap", .array([.number(overlap.lowerBound), .number(overlap.upperBound)])),
                ("min", comparison.minimum.json), ("median", comparison.median.json), ("max", comparison.maximum.json),
            ]
        }
        return JSONValue.object(fields).text + "\n"
    }
}
