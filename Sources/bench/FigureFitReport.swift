import Catalog
import Foundation
import Metrics
import SimEngine

/// The published-figure half of `bench perf sim-calibration`: every figure replayed on the bare
/// roofline, the per-engine speed factors fitted to them, and each figure's error in sample and
/// left out with its whole source (docs/simulator.md, "Validation").
struct FigureFitReport {
    var observations: [FactorFit.Observation] = []
    var published: [Double] = []
    var simulated: [Double] = []
    var units: [String] = []
    var refused: [(id: String, reason: String)] = []

    /// Replays every figure whose source contains `source` (all when nil).
    init(catalog: Catalog, source: String?) throws {
        let figures = try PublishedFigure.bundled().filter { figure in source.map { figure.publisher.localizedCaseInsensitiveContains($0) } ?? true }
        for figure in figures {
            do throws(SimConfigError) {
                let simulated = try FigureReplay.simulate(figure, catalog: catalog, frameworkFactors: false)
                guard simulated.isFinite && simulated > 0 else { throw SimConfigError("the replay gave no value", fix: "check the figure's setting") }
                let generation = catalog.hardware(forRunner: figure.hardware)?.generation ?? figure.hardware
                observations.append(FactorFit.Observation(id: figure.id, source: figure.publisher, generation: generation,
                                                          framework: figure.framework, precision: figure.precision,
                                                          moe: catalog.model(named: figure.model)?.moe != nil,
                                                          ratio: figure.metric.higherIsBetter ? simulated / figure.value : figure.value / simulated))
                published.append(figure.value)
                self.simulated.append(simulated)
                units.append(figure.metric.rawValue)
            } catch {
                refused.append((figure.id, error.message))
            }
        }
    }

    var fitted: [String: FrameworkFactor] { FactorFit.fit(observations) }

    /// Prints the table and summaries; returns (in-sample, left-out) |error| medians and 90th percentiles.
    func print() -> (inSample: (median: Double, p90: Double), leftOut: (median: Double, p90: Double)) {
        let inSample = FactorFit.errors(observations, with: fitted)
        let leftOut = FactorFit.leaveOneSourceOut(observations)
        // Errors are in speed: + means the simulator is faster (more tok/s, or less latency) than published.
        Console.line("figure | unit | published | roofline | in-sample error | source left out")
        for (index, observation) in observations.enumerated() {
            Console.line("\(observation.id) | \(units[index]) | \(number(published[index])) | \(String(format: "%.4g", simulated[index])) | "
                         + String(format: "%+.0f%% | %+.0f%%", inSample[index] * 100, leftOut[index] * 100))
        }
        for (id, reason) in refused { Console.line("\(id) | cannot simulate: \(reason)") }
        Console.line("")
        Console.line("source | figures | in-sample median |error| | left-out median |error| | left-out p90 |error|")
        let sources = Dictionary(grouping: observations.indices, by: { observations[$0].source })
        for (source, indices) in sources.sorted(by: { $0.key < $1.key }) {
            Console.line(String(format: "%@ | %d | %.0f%% | %.0f%% | %.0f%%", source, indices.count, Self.quantile(indices.map { inSample[$0] }, 0.5) * 100,
                                Self.quantile(indices.map { leftOut[$0] }, 0.5) * 100, Self.quantile(indices.map { leftOut[$0] }, 0.9) * 100))
        }
        let summary = ((Self.quantile(inSample, 0.5), Self.quantile(inSample, 0.9)), (Self.quantile(leftOut, 0.5), Self.quantile(leftOut, 0.9)))
        Console.line(String(format: "all %d figures from %d sources: in-sample median |error| %.0f%%, p90 %.0f%%; leave-one-source-out median %.0f%%, p90 %.0f%%",
                            observations.count, sources.count, summary.0.0 * 100, summary.0.1 * 100, summary.1.0 * 100, summary.1.1 * 100))
        Console.line("")
        Console.line("fitted speed factor | value | figures")
        for (name, entry) in fitted.sorted(by: { $0.key < $1.key }) {
            Console.line(String(format: "%@ | %.3f | %d", name, entry.factor, entry.figures.count))
        }
        return summary
    }

    /// The fitted factors as the catalog's framework-factors.yaml.
    var factorsYAML: String {
        var text = """
            # Per-engine speed factors over the simulator's roofline, by GPU generation and precision path.
            # Written by `bench perf sim-calibration --write-factors FILE` from Catalog/Resources/published-figures.yaml
            # (\(observations.count) figures); each entry lists the figures it was fitted to. Names: all, <framework>,
            # <generation>/<framework>, <generation>/<framework>/<precision>, <generation>/<framework>/<precision>/<moe|dense>;
            # the most specific present applies (docs/simulator.md).

            """
        for (name, entry) in fitted.sorted(by: { $0.key < $1.key }) {
            text += "\(name):\n  factor: \(String(format: "%.4f", entry.factor))\n  figures: [\(entry.figures.joined(separator: ", "))]\n"
        }
        return text
    }

    /// The q-quantile of the errors' magnitudes (numpy's linear interpolation, as every percentile in bench).
    static func quantile(_ errors: [Double], _ q: Double) -> Double {
        guard !errors.isEmpty else { return .nan }
        return Distribution.percentile(errors.map(abs).sorted(), q * 100)
    }
}
