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
        discussion: "Series keys for --filter: \(SeriesSelection.keys.joined(separator: ", ")). y metrics: \(YMetric.allCases.map(\.rawValue).joined(separator: ", ")).")

    @Option(name: .customLong("filter"), help: ArgumentHelp("Keep series where KEY matches VALUE (repeatable).", valueName: "key=value"))
    var filters: [String] = []
    @Option(help: "x axis: interactivity (tok/s/user, higher is better) or e2el (median seconds, lower is better).") var x: XMetric = .interactivity
    @Option(help: "y axis.") var y: YMetric = .totalPerGPU
    @Option(help: "Write CSV here ('-' for stdout).") var csv: String?
    @Flag(help: "Print JSON.") var json = false
    @Option(help: "Results database.") var db = "results/bench.sqlite"
    @OptionGroup var catalogOption: CatalogOption

    func run() throws {
        let selection = try SeriesSelection(filters, option: "--filter")
        let catalog = try loadCatalog(catalogOption.path)
        let points = try loadAnalysisPoints(try openStore(db, existing: true)).filter { selection.matches($0.series) }
        let frontiers = SeriesFrontier.all(points, x: x, y: y, catalog: catalog)
        if json { return Console.write(ParetoOutput.json(frontiers)) }
        let csvText = ParetoOutput.csv(frontiers)
        if let csv, csv != "-" {
            do { try csvText.write(toFile: csv, atomically: true, encoding: .utf8) } catch {
                Console.error("bench pareto: cannot write \(csv): \(error.localizedDescription)")
                throw ExitCode(1)
            }
            return Console.error("bench pareto: \(frontiers.reduce(0) { $0 + $1.frontier.count }) frontier points of \(counted(frontiers.count, "series", plural: "series")) written to \(csv)")
        }
        Console.write(csv == "-" ? csvText : ParetoOutput.text(frontiers))
    }
}

enum ParetoOutput {
    static let columns = ["model", "precision", "isl", "osl", "hardware", "framework", "spec_decoding", "disagg", "run_id", "x_metric",
                          "x", "y_metric", "y", "deployment", "gpus", "conc", "point_id", "date"]

    static func rows(_ frontiers: [SeriesFrontier]) -> [[String]] {
        let formatter = ISO8601DateFormatter()
        return frontiers.flatMap { frontier in
            frontier.frontier.map { index in
                let (point, x, y) = frontier.points[index]
                let s = frontier.series
                return [s.model, s.precision, "\(s.isl)", "\(s.osl)", s.hardware, s.framework, s.specDecoding, "\(s.disaggregated)",
                        "\(s.run)", frontier.x.rawValue, "\(x)", frontier.y.rawValue, "\(y)", point.deployment, "\(point.gpus)",
                        "\(point.concurrency)", "\(point.pointID)", formatter.string(from: point.date)]
            }
        }
    }

    static func csv(_ frontiers: [SeriesFrontier]) -> String {
        ([columns] + rows(frontiers)).map { $0.map(CSVField.quoted).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func json(_ frontiers: [SeriesFrontier]) -> String {
        let objects = rows(frontiers).map { Dictionary(uniqueKeysWithValues: zip(columns, $0)) }
        let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func text(_ frontiers: [SeriesFrontier]) -> String {
        guard !frontiers.isEmpty else { return "no stored ok points match\n" }
        return frontiers.map { frontier in
            let lines = frontier.frontier.map { index -> String in
                let (point, x, y) = frontier.points[index]
                return String(format: "  %10.2f %@  %12.2f %@  conc %d  %@  point %lld", x, frontier.x.rawValue, y, frontier.y.unit,
                              point.concurrency, point.deployment, point.pointID)
            }
            return "\(frontier.series.label): \(frontier.frontier.count) of \(frontier.points.count) points on the frontier\n" + lines.joined(separator: "\n")
        }.joined(separator: "\n") + "\n"
    }
}
