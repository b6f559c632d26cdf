import ArgumentParser
import Catalog
import Foundation
import SimEngine

/// `bench perf sim-validation`: the simulated engine against published figures it was not fitted
/// to (Catalog's published-figures.yaml), per source: how wrong it may be, out of sample.
struct SimValidationPerf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim-validation",
        abstract: "Re-run every published figure of the validation set on the simulated engine; print each error and the median and 90th-percentile |error| per source and overall.")

    @Option(help: "Only figures whose source contains this text.") var source: String?
    @OptionGroup var catalogOption: CatalogOption

    func run() throws {
        let catalog = try loadCatalog(catalogOption.path)
        let figures = try PublishedFigure.bundled().filter { figure in source.map { figure.source.localizedCaseInsensitiveContains($0) } ?? true }
        guard !figures.isEmpty else { throw ValidationError("no published figure's source contains '\(source ?? "")'") }
        var errors: [(source: String, error: Double)] = []
        Console.line("figure | published | simulated | error")
        for figure in figures {
            do {
                let simulated = try FigureReplay.simulate(figure, catalog: catalog)
                let error = simulated / figure.value - 1
                errors.append((figure.source, error))
                Console.line("\(figure.id) | \(number(figure.value)) \(figure.metric.rawValue) | \(number(simulated.rounded())) | \(String(format: "%+.0f%%", error * 100))")
            } catch {
                Console.line("\(figure.id) | \(number(figure.value)) \(figure.metric.rawValue) | cannot simulate: \(error.message)")
            }
        }
        Console.line("")
        Console.line("source | figures | median |error| | p90 |error| | mean error")
        let bySource = Dictionary(grouping: errors, by: \.source)
        for (name, group) in bySource.sorted(by: { $0.key < $1.key }) {
            Console.line(Self.summary(name, group.map(\.error)))
        }
        Console.line(Self.summary("all \(bySource.count) sources", errors.map(\.error)))
    }

    static func summary(_ name: String, _ errors: [Double]) -> String {
        let magnitudes = errors.map(abs).sorted()
        func quantile(_ q: Double) -> Double { magnitudes[min(magnitudes.count - 1, Int((q * Double(magnitudes.count - 1)).rounded()))] }
        let mean = errors.reduce(0, +) / Double(max(1, errors.count))
        return String(format: "%@ | %d | %.0f%% | %.0f%% | %+.0f%%", name, errors.count, quantile(0.5) * 100, quantile(0.9) * 100, mean * 100)
    }
}
