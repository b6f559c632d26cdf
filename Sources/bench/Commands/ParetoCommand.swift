import Analysis
import ArgumentParser
import Foundation
import Matrix
import Store

/// `bench pareto`: one row per frontier point of every selected series.
struct ParetoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pareto",
        abstract: "The Pareto frontier of each series (model, precision, ISL/OSL, hardware, framework, spec decoding, disagg, run).",
        discussion:
            "Series keys for --filter: \(SeriesSelection.keys.joined(separator: ", ")). y metrics: \(YMetric.allCases.map(\.rawValue).joined(separator: ", "))."
    )

    @Option(name: .customLong("filter"), help: ArgumentHelp("Keep series where KEY matches VALUE (repeatable).", valueName: "key=value"))
    var filters: [String] = []
    @Option(
        help:
            "x axis: interactivity (tok/s/user from the median TPOT, higher is better), interactivity-p90, interactivity-p99 (from those TPOTs), e2el (median seconds, lower is better), e2el-p90, e2el-p99."
    )
    var x: XMetric = .interactivity
    @Option(help: "y axis.") var y: YMetric = .totalPerGPU
    @Option(help: "Write CSV here ('-' for stdout).") var csv: String?
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOption
    @OptionGroup var catalogOption: CatalogOption

    func run() throws {
        let selection = try SeriesSelection(filters, option: "--filter")
        let catalog = try loadCatalog(catalogOption.path)
        let points = try loadAnalysisPoints(try openStore(database.path, existing: true)).filter { selection.matches($0.series) }
        let frontiers = SeriesFrontier.all(points, x: x, y: y, catalog: catalog)
        if json { return Console.write(ParetoOutput.json(frontiers)) }
        let csvText = ParetoOutput.csv(frontiers)
        if let csv, csv != "-" {
            do { try csvText.write(toFile: csv, atomically: true, encoding: .utf8) } catch {
                Console.error("bench pareto: cannot write \(csv): \(error.localizedDescription)")
                throw ExitCode.failure
            }
            return Console.error(
                "bench pareto: \(frontiers.reduce(0) { $0 + $1.frontier.count }) frontier points of \(counted(frontiers.count, "series", plural: "series")) written to \(csv)"
            )
        }
        Console.write(csv == "-" ? csvText : ParetoOutput.text(frontiers))
    }
}

enum ParetoOutput {
    static let columns = [
        "model", "precision", "isl", "osl", "hardware", "framework", "spec_decoding", "disagg", "run_id", "x_metric",
        "x", "y_metric", "y", "deployment", "gpus", "conc", "point_id", "date", "repeats", "x_min", "x_max", "y_min", "y_max",
    ]

    /// One typed record per frontier point, in `columns` order.
    static func records(_ frontiers: [SeriesFrontier]) -> [[JSONValue]] {
        let formatter = ISO8601DateFormatter()
        return frontiers.flatMap { frontier in
            frontier.frontier.map { index in
                let (point, x, y) = frontier.points[index]
                let s = frontier.series
                // With --repeats: how many repeats of this point the run stored and their min–max on both axes.
                let spread = frontier.spread(of: index)
                return [
                    .string(s.model), .string(s.precision), .int(s.isl), .int(s.osl), .string(s.hardware), .string(s.framework),
                    .string(s.specDecoding), .bool(s.disaggregated), .int(Int(s.run)), .string(frontier.x.rawValue), .number(x),
                    .string(frontier.y.rawValue), .number(y), .string(point.deployment), .int(point.gpus), .int(point.concurrency),
                    .int(Int(point.pointID)), .string(formatter.string(from: point.date)), .int(spread.count),
                    .number(spread.x.lowerBound), .number(spread.x.upperBound), .number(spread.y.lowerBound), .number(spread.y.upperBound),
                ]
            }
        }
    }

    static func csv(_ frontiers: [SeriesFrontier]) -> String {
        ([columns] + records(frontiers).map { $0.map(csvText) }).map { $0.map(CSVField.quoted).joined(separator: ",") }
            .joined(separator: "\n") + "\n"
    }

    /// A cell as the CSV has always written it (Swift's own number text).
    private static func csvText(_ value: JSONValue) -> String {
        switch value {
        case let .string(text): return text
        case let .number(number): return "\(number)"
        default: return value.text
        }
    }

    /// Numbers as numbers, booleans as booleans.
    static func json(_ frontiers: [SeriesFrontier]) -> String {
        JSONValue.array(records(frontiers).map { .object(Array(zip(columns, $0))) }).text + "\n"
    }

    static func text(_ frontiers: [SeriesFrontier]) -> String {
        guard !frontiers.isEmpty else { return "no stored ok points match\n" }
        return frontiers.map { frontier in
            let lines = frontier.frontier.map { index -> String in
                let (point, x, y) = frontier.points[index]
                return String(
                    format: "  %10.2f %@  %12.2f %@  conc %d  %@  point %lld", x, frontier.x.rawValue, y, frontier.y.unit,
                    point.concurrency, point.deployment, point.pointID)
            }
            return "\(frontier.series.label): \(frontier.frontier.count) of \(frontier.points.count) points on the frontier\n"
                + lines.joined(separator: "\n")
        }.joined(separator: "\n") + "\n"
    }
}
