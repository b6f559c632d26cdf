import Catalog
import Foundation
@testable import Orchestrator
import Store
import Testing

/// A measured series beside the simulated engine: the residual is measured / simulated − 1 per
/// point; beyond the band it is an anomaly.
@Suite struct SimResidualsTests {
    /// A sweep on a GPU 20% slower than the catalog's (`--sim-efficiency 0.8`), measured on the
    /// virtual clock, stands for an engine running slow; the same sweep at 1.0 for one on model.
    func residuals(efficiency: Double) async throws -> [SimResidual] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("residuals-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let matrix = folder.appendingPathComponent("m.yaml").path
        try InferenceXRoundTripTests.matrix.write(toFile: matrix, atomically: true, encoding: .utf8)
        var settings = SweepSettings(matrixFiles: [matrix])
        settings.virtual = true
        settings.simEfficiency = efficiency
        let catalog = try Catalog.load()
        let store = try ResultStore(path: folder.appendingPathComponent("a.sqlite").path)
        let plan = try SweepPlan(settings: settings, catalog: catalog, machineHardware: nil)
        let sweep = try Sweep(plan: plan, settings: settings, catalog: catalog, store: store, environment: SweepTests.environment)
        _ = await sweep.run(observer: RecordingObserver())
        return try SimResiduals.compute(try store.points(run: sweep.runID), catalog: catalog, seed: settings.seed)
    }

    @Test func aSlowEngineShowsItsShortfallAndIsFlagged() async throws {
        let slow = try await residuals(efficiency: 0.8)
        #expect(slow.count == 5)
        // Step time scales with 1 / efficiency where the roofline dominates; fixed overheads dilute it.
        #expect(slow.allSatisfy { $0.residual < -0.10 && $0.residual > -0.25 }, "\(slow.map(\.residual))")
        #expect(slow.allSatisfy { $0.isAnomaly(band: 0.1) } && !slow.contains { $0.isAnomaly(band: 0.3) })
    }

    @Test func anEngineOnTheModelHasNoResidual() async throws {
        let onModel = try await residuals(efficiency: 1)
        #expect(onModel.count == 5 && onModel.allSatisfy { abs($0.residual) < 0.001 }, "\(onModel.map(\.residual))")
    }
}
