import Catalog
import SimEngine
import Testing

@testable import BenchPerf

@Suite struct FigureFitTests {
    private func figure(_ id: String, source: String, ratio: Double) -> FigureFit.Replayed {
        FigureFit.Replayed(
            observation: FactorFit.Observation(
                id: id, source: source,
                key: FactorKey(generation: "hopper", framework: "sglang", precision: "fp8", model: "dsr1", moe: true),
                ratio: ratio),
            unit: "output tok/s", published: 1000, simulated: 1000 * ratio)
    }

    @Test func quantileIsOfMagnitudesWithLinearInterpolation() {
        #expect(FigureFit.quantile([-0.3, 0.1, 0.2], 0.5) == 0.2)
        #expect(abs(FigureFit.quantile([-0.4, 0.0], 0.9) - 0.36) < 1e-12)
        #expect(FigureFit.quantile([], 0.5).isNaN)
    }

    @Test func summaryAndSourceRowsFollowTheErrors() {
        let fit = FigureFit(replayed: [
            figure("a1", source: "A", ratio: 1.2), figure("a2", source: "A", ratio: 1.0),
            figure("b1", source: "B", ratio: 0.9),
        ])
        #expect(fit.inSample.count == 3 && fit.leftOut.count == 3)
        #expect(fit.sources.map(\.source) == ["A", "B"])
        #expect(fit.sources.map(\.figures) == [2, 1])
        let summary = fit.summary
        #expect(summary.inSampleMedian == FigureFit.quantile(fit.inSample, 0.5))
        #expect(summary.leftOutP90 == FigureFit.quantile(fit.leftOut, 0.9))
        #expect(fit.sources[1].leftOutMedian == abs(fit.leftOut[2]))
    }

    @Test func factorsFileListsEveryFittedFactor() {
        let fit = FigureFit(replayed: [figure("a1", source: "A", ratio: 1.2), figure("b1", source: "B", ratio: 0.9)])
        let yaml = fit.factorsYAML
        #expect(yaml.contains("(2 figures)"))
        for name in fit.fitted.keys { #expect(yaml.contains("\(name):\n  factor: ")) }
    }
}
