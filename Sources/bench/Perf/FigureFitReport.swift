import BenchPerf
import Foundation

/// Prints `bench perf sim-calibration`'s published-figure half: per figure, per source, overall,
/// and the fitted speed factors. Errors are in speed: + means the simulator is faster than published.
enum FigureFitReport {
    static func print(_ fit: FigureFit) {
        Console.line("figure | unit | published | roofline | in-sample error | source left out")
        for (index, figure) in fit.replayed.enumerated() {
            Console.line(
                "\(figure.observation.id) | \(figure.unit) | \(number(figure.published)) | \(String(format: "%.4g", figure.simulated)) | "
                    + String(format: "%+.0f%% | %+.0f%%", fit.inSample[index] * 100, fit.leftOut[index] * 100))
        }
        for (id, reason) in fit.refused { Console.line("\(id) | cannot simulate: \(reason)") }
        Console.line("")
        Console.line("source | figures | in-sample median |error| | left-out median |error| | left-out p90 |error|")
        let sources = fit.sources
        for row in sources {
            Console.line(
                String(
                    format: "%@ | %d | %.0f%% | %.0f%% | %.0f%%", row.source, row.figures, row.inSampleMedian * 100,
                    row.leftOutMedian * 100, row.leftOutP90 * 100))
        }
        let summary = fit.summary
        Console.line(
            String(
                format: "all %d figures from %d sources: in-sample median |error| %.0f%%, p90 %.0f%%; leave-one-source-out median %.0f%%, p90 %.0f%%",
                fit.replayed.count, sources.count, summary.inSampleMedian * 100, summary.inSampleP90 * 100,
                summary.leftOutMedian * 100, summary.leftOutP90 * 100))
        Console.line(
            String(
                format: "floor: a free offset per publisher, in sample: median |error| %.0f%%, p90 %.0f%% (a left-out publisher's offset cannot be known)",
                summary.publisherOffsetMedian * 100, summary.publisherOffsetP90 * 100))
        Console.line("")
        Console.line("fitted speed factor | value | figures")
        for (name, entry) in fit.fitted.sorted(by: { $0.key < $1.key }) {
            Console.line(String(format: "%@ | %.3f | %d", name, entry.factor, entry.figures.count))
        }
    }
}
