import BenchTesting
import Catalog
import Foundation
import Store
import Testing

@testable import Orchestrator

/// A measured series beside the simulated engine: the residual is measured / simulated − 1 per
/// point; beyond the band it is an anomaly.
@Suite struct SimResidualsTests {
    /// A sweep on a GPU 20% slower than the catalog's (`--sim-efficiency 0.8`), measured on the
    /// virtual clock, stands for an engine running slow; the same sweep at 1.0 for one on model.
    func residuals(efficiency: Double) async throws -> [SimResidual] {
        try await withTemporaryDirectory("virtual-sweep") { folder in
            let sweep = try await VirtualSweepFixture(matrix: InferenceXRoundTripTests.matrix, in: folder) { $0.simEfficiency = efficiency }
            return try SimResiduals.compute(try sweep.store.points(run: sweep.runID), catalog: sweep.catalog, seed: sweep.settings.seed)
        }
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
