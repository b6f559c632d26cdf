import ArgumentParser
import BenchPerf
import Foundation
import Metrics
import Orchestrator
import SimEngine

/// `bench perf sim-calibration`: the simulator against the published figures it is fitted to.
struct SimCalibrationPerf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim-calibration",
        abstract:
            "Compare the simulated engine with the published measurements it is calibrated against (target: each within ±25%, median within ±15%).")

    @Option(help: "Only published figures whose publisher contains this text.") var source: String?
    @Option(
        help:
            "Write the fitted per-engine speed factors as a catalog framework-factors file (the bundled one is Sources/Catalog/Resources/framework-factors.yaml)."
    ) var writeFactors: String?
    @OptionGroup var catalogOption: CatalogOption

    func run() throws {
        let catalog = try loadCatalog(catalogOption.path)
        var ratios: [Double] = []
        Console.line("setting | published | simulated | ratio | source")
        for entry in Calibration.cases {
            let simulated = try entry.simulated(catalog: catalog)
            let ratio = simulated / entry.published
            ratios.append(ratio)
            Console.line(
                "\(entry.setting) | \(number(entry.published)) \(entry.unit) | \(number(simulated.rounded())) | \(String(format: "%.2f", ratio)) | \(entry.source)"
            )
        }
        let median = Distribution.median(ratios) ?? .nan
        let worst = ratios.map { abs($0 - 1) }.max() ?? 0
        Console.line(String(format: "figures: %d, median ratio %.2f, worst deviation %.0f%%", ratios.count, median, worst * 100))

        let generation = SimulatedFrontier.compare(
            try DSR1Sweep.points(catalog, "b200", "fp4", isl: 1024, osl: 1024),
            over: try DSR1Sweep.points(catalog, "h200", "fp8", isl: 1024, osl: 1024))
        let generationMax = generation.maximum ?? .nan
        Console.line(
            String(
                format:
                    "DeepSeek-R1 1k/1k, B200 FP4 over H200 FP8 tok/s/GPU at equal interactivity: min %.2f×, median %.2f×, max %.2f× (published: up to 4×, LMSYS + NVIDIA 2025-10-14)",
                generation.minimum ?? .nan, generation.median ?? .nan, generationMax))
        for (isl, osl) in [(1024, 8192), (8192, 1024)] {
            let other = SimulatedFrontier.compare(
                try DSR1Sweep.points(catalog, "b200", "fp4", isl: isl, osl: osl),
                over: try DSR1Sweep.points(catalog, "h200", "fp8", isl: isl, osl: osl))
            Console.line(
                String(
                    format: "DeepSeek-R1 %d/%d, B200 FP4 over H200 FP8: min %.2f×, median %.2f×, max %.2f×", isl, osl,
                    other.minimum ?? .nan, other.median ?? .nan, other.maximum ?? .nan))
        }
        // InferenceX's published DeepSeek-R1 1k/1k FP8 frontiers (docs/sources/figures-inferencex.yaml).
        let b200 = try DSR1Sweep.points(catalog, "b200", "fp8", isl: 1024, osl: 1024),
            h100 = try DSR1Sweep.points(catalog, "h100", "fp8", isl: 1024, osl: 1024)
        let inferenceX = [(42.0, 4791.6 / 266.3), (71.0, 1020.2 / 73.4), (100.0, 497.5 / 23.3)]
        let b200OverH100 = SimulatedFrontier.compare(b200, over: h100, at: inferenceX.map(\.0)).at
        for ((interactivity, published), ratio) in zip(inferenceX, b200OverH100.map(\.ratio)) {
            let simulated = ratio.map { String(format: "%.1f×", $0) } ?? "outside both frontiers"
            Console.line(
                String(
                    format: "DeepSeek-R1 1k/1k FP8, B200 over H100 at %.0f tok/s/user: simulated %@, InferenceX published %.1f×", interactivity,
                    simulated, published))
        }
        Console.line("")
        let figures = try FigureFit(catalog: catalog, source: source)
        FigureFitReport.print(figures)
        let fit = figures.summary
        if let writeFactors {
            try figures.factorsYAML.write(toFile: writeFactors, atomically: true, encoding: .utf8)
            Console.line("wrote \(writeFactors)")
        }
        let targets = [
            ("every figure within ±25%", worst <= 0.25), ("median within ±15%", abs(median - 1) <= 0.15),
            ("Blackwell/Hopper frontier ratio up to 3–5×", generationMax >= 3 && generationMax <= 5),
            ("published figures left out by source: median |error| ≤ 15%", fit.leftOutMedian <= 0.15),
            ("published figures left out by source: p90 |error| ≤ 35%", fit.leftOutP90 <= 0.35),
        ]
        for (target, met) in targets { Console.line("target: \(target) -> \(met ? "met" : "NOT met")") }
        if targets.contains(where: { !$0.1 }) { throw ExitCode.failure }
    }
}
