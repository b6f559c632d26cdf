import Analysis
import Catalog
import Foundation
import Testing

/// Every y metric by value, against figures worked out by hand from the catalog's H200 numbers
/// (hardware.yaml: 1.73 all-in kW per GPU; $1.41 hyperscaler, $1.74 neocloud, $1.60 3-year rental
/// per GPU-hour), so a swapped cost column or a wrong unit factor fails, not only a wrong direction.
@Suite struct YMetricValueTests {
    static let h200 = try! Catalog.load().hardware(forRunner: "h200")!

    /// 2,000 tok/s/GPU (1,500 in, 500 out), 0.42 J/token measured.
    static let point = AnalysisPoint(
        series: SeriesKey(
            model: "m", precision: "fp8", isl: 1024, osl: 1024, hardware: "h200", framework: "sglang", specDecoding: "none",
            disaggregated: false, run: 1),
        pointID: 1, concurrency: 8, gpus: 8, interactivity: 40, e2el: 30, totalPerGPU: 2000, inputPerGPU: 1500, outputPerGPU: 500,
        measuredJoulesPerToken: 0.42, deployment: "TP8", config: "c", date: Date(timeIntervalSince1970: 0))

    @Test func theCatalogHoldsTheFiguresWorkedOutHere() {
        #expect(Self.h200.allInKW == 1.73)
        #expect(Self.h200.usdPerGPUHour.hyperscaler == 1.41 && Self.h200.usdPerGPUHour.neocloud == 1.74 && Self.h200.usdPerGPUHour.rental3yr == 1.60)
    }

    // 2,000 tok/s for an hour is 7.2 M tokens per GPU-hour: $/M tokens is the hourly price over 7.2.
    // 2,000 tok/s per 1.73 kW is 2,000 × 1,000 / 1.73 tok/s per MW; 1,730 W over 2,000 tok/s is 0.865 J per token.
    static let workedOut: [(YMetric, Double)] = [
        (.totalPerGPU, 2000), (.inputPerGPU, 1500), (.outputPerGPU, 500),
        (.costHyperscaler, 1.41 / 7.2), (.costNeocloud, 1.74 / 7.2), (.costRental, 1.60 / 7.2),
        (.tokensPerMW, 2_000_000 / 1.73), (.joulesPerToken, 0.865), (.measuredJoulesPerToken, 0.42),
    ]

    @Test(arguments: workedOut)
    func eachMetricHasItsHandWorkedValue(metric: YMetric, expected: Double) throws {
        let value = try #require(metric.value(Self.point, hardware: Self.h200))
        #expect(abs(value - expected) <= 1e-12 * expected, "\(metric.rawValue): \(value), worked out \(expected)")
    }

    @Test func catalogMetricsNeedTheHardwareAndThroughputAndMeasuredNeedsPower() {
        var idle = Self.point
        idle.totalPerGPU = 0
        idle.measuredJoulesPerToken = nil
        for metric in [YMetric.costHyperscaler, .costNeocloud, .costRental, .tokensPerMW, .joulesPerToken] {
            #expect(metric.value(Self.point, hardware: nil) == nil && metric.value(idle, hardware: Self.h200) == nil, "\(metric.rawValue)")
        }
        #expect(YMetric.measuredJoulesPerToken.value(idle, hardware: Self.h200) == nil)
    }
}
