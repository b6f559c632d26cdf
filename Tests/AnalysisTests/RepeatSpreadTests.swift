import Catalog
import Foundation
import Testing

@testable import Analysis

@Suite struct RepeatSpreadTests {
    static func point(conc: Int, repeatIndex: Int, tpot: Double, tpotP90: Double, perGPU: Double) -> AnalysisPoint {
        let series = SeriesKey(
            model: "dsr1", precision: "fp8", isl: 1024, osl: 1024, hardware: "h200", framework: "sglang", specDecoding: "none",
            disaggregated: false, run: 1)
        return AnalysisPoint(
            series: series, pointID: Int64(conc * 10 + repeatIndex), concurrency: conc, gpus: 8, interactivity: 1 / tpot, e2el: nil,
            totalPerGPU: perGPU, inputPerGPU: 0, outputPerGPU: 0, measuredJoulesPerToken: nil, deployment: "TP8", config: "c",
            date: Date(timeIntervalSince1970: 0), repeatIndex: repeatIndex, tails: LatencyTails(tpotP90: tpotP90))
    }

    /// Three repeats of conc 8 and one of conc 32: the frontier point of conc 8 carries all three's min–max.
    @Test func aFrontierPointCarriesItsRepeatsMinAndMax() throws {
        let points = [
            Self.point(conc: 8, repeatIndex: 0, tpot: 0.015625, tpotP90: 0.03125, perGPU: 900),
            Self.point(conc: 8, repeatIndex: 1, tpot: 0.03125, tpotP90: 0.0625, perGPU: 1000),
            Self.point(conc: 8, repeatIndex: 2, tpot: 0.0234375, tpotP90: 0.046875, perGPU: 950),
            Self.point(conc: 32, repeatIndex: 0, tpot: 0.0625, tpotP90: 0.125, perGPU: 2000),
        ]
        let frontier = try #require(SeriesFrontier.all(points, x: .interactivity, y: .totalPerGPU, catalog: try Catalog.load()).first)
        let conc8 = try #require(frontier.frontier.first { frontier.points[$0].point.concurrency == 8 })
        let spread = frontier.spread(of: conc8)
        #expect(spread.count == 3 && spread.x == 32...64 && spread.y == 900...1000)
        #expect(frontier.spread(of: try #require(frontier.frontier.first { frontier.points[$0].point.concurrency == 32 })).count == 1)
    }

    /// InferenceX's p90 interactivity is 1 / p90 TPOT: the slower tail gives the lower x.
    @Test func percentileInteractivityIsOneOverThatTPOT() {
        let point = Self.point(conc: 8, repeatIndex: 0, tpot: 0.015625, tpotP90: 0.03125, perGPU: 900)
        #expect(XMetric.interactivityP90.value(point) == 32 && XMetric.interactivity.value(point) == 64)
        #expect(XMetric.interactivityP99.value(point) == nil && XMetric.e2elP90.better == .lower)
    }
}
