import Testing

@testable import SimEngine

/// The simulator's calibration claim (`bench perf sim-calibration`, docs/simulator.md) on its
/// in-sample figures: every published measurement it is fitted to re-run in its setting within ±25%,
/// and the median ratio within ±15%. A model or catalog change that breaks calibration fails here.
@Suite struct CalibrationTests {
    @Test func everyPublishedFigureIsWithinTheStatedTargets() throws {
        let ratios = try Calibration.cases.map { try $0.simulated(catalog: bundledCatalog) / $0.published }
        #expect(ratios.count == 20)
        for (entry, ratio) in zip(Calibration.cases, ratios) {
            #expect(abs(ratio - 1) <= 0.25, "\(entry.setting): simulated / published = \(ratio)")
        }
        let median = ratios.sorted()[ratios.count / 2]
        #expect(abs(median - 1) <= 0.15, "median ratio \(median)")
    }
}
