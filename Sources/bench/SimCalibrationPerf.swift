import ArgumentParser
import Catalog
import Foundation
import SimEngine

/// `bench perf sim-calibration`: the simulator against the published figures it is fitted to.
struct SimCalibrationPerf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim-calibration",
        abstract: "Compare the simulated engine with the published measurements it is calibrated against (target: each within ±25%, median within ±15%).")

    @OptionGroup var catalogOption: CatalogOption

    func run() throws {
        let catalog = try loadCatalog(catalogOption.path)
        var ratios: [Double] = []
        Console.line("setting | published | simulated | ratio | source")
        for entry in Calibration.cases {
            let simulated = try entry.simulated(catalog: catalog)
            let ratio = simulated / entry.published
            ratios.append(ratio)
            Console.line("\(entry.setting) | \(number(entry.published)) \(entry.unit) | \(number(simulated.rounded())) | \(String(format: "%.2f", ratio)) | \(entry.source)")
        }
        let sorted = ratios.sorted()
        let median = sorted[sorted.count / 2]
        let worst = ratios.map { abs($0 - 1) }.max() ?? 0
        Console.line(String(format: "figures: %d, median ratio %.2f, worst deviation %.0f%%", ratios.count, median, worst * 100))

        let generation = try blackwellOverHopper(catalog: catalog)
        Console.line(String(format: "DeepSeek-R1 1k/1k, B200 FP4 over H200 FP8 tok/s/GPU at equal interactivity: min %.2f×, median %.2f×, max %.2f× (published: up to 4×, LMSYS + NVIDIA 2025-10-14)",
                             generation.min, generation.median, generation.max))
        let targets = [("every figure within ±25%", worst <= 0.25), ("median within ±15%", abs(median - 1) <= 0.15),
                       ("Blackwell/Hopper frontier ratio up to 3–5×", generation.max >= 3 && generation.max <= 5)]
        for (target, met) in targets { Console.line("target: \(target) -> \(met ? "met" : "NOT met")") }
        if targets.contains(where: { !$0.1 }) { throw ExitCode(1) }
    }

    /// Each GPU's best SGLang-style deployments, swept over concurrency, compared across the frontier.
    func blackwellOverHopper(catalog: Catalog) throws -> GenerationRatio {
        let concurrencies = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]
        func points(_ hardware: String, _ precision: String) throws -> [GenerationRatio.Point] {
            try [WorkerShape(tp: 8), WorkerShape(tp: 8, ep: 8, dpAttention: true)].flatMap { shape in
                var config = try SimConfig.resolve(catalog: catalog, hardware: hardware, model: "dsr1", precision: precision,
                                                   kvCacheDType: "fp8", topology: .aggregated(shape))
                config.maxRunningRequests = 512
                return try GenerationRatio.sweep(config, isl: 1024, osl: 1024, concurrencies: concurrencies)
            }
        }
        return GenerationRatio(a: try points("b200", "fp4"), b: try points("h200", "fp8"))
    }
}
