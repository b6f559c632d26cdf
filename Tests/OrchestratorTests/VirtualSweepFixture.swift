import Catalog
import Foundation
import Store

@testable import Orchestrator

/// A matrix swept on the virtual clock into a fresh database in `folder`.
struct VirtualSweepFixture {
    let catalog: Catalog
    let store: ResultStore
    let settings: SweepSettings
    let runID: Int64
    let outcome: SweepOutcome

    init(matrix text: String, in folder: URL, edit: (inout SweepSettings) -> Void = { _ in }) async throws {
        let matrix = folder.appendingPathComponent("m.yaml").path
        try text.write(toFile: matrix, atomically: true, encoding: .utf8)
        var settings = SweepSettings(matrixFiles: [matrix])
        settings.virtual = true
        edit(&settings)
        self.settings = settings
        catalog = try Catalog.load()
        store = try ResultStore(path: folder.appendingPathComponent("a.sqlite").path)
        let plan = try SweepPlan(settings: settings, catalog: catalog, machineHardware: nil)
        let sweep = try Sweep(plan: plan, settings: settings, catalog: catalog, store: store, environment: SweepTests.environment)
        outcome = await sweep.run(observer: RecordingObserver())
        runID = sweep.runID
    }
}
