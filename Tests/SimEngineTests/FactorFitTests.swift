import Catalog
import Foundation
import Testing

@testable import SimEngine

@Suite struct FactorFitTests {
    let a = FactorFit.Observation(id: "a", source: "X", generation: "hopper", framework: "sglang", precision: "fp8", moe: true, ratio: 2)
    let b = FactorFit.Observation(id: "b", source: "X", generation: "hopper", framework: "dynamo-sglang", precision: "FP8", moe: true, ratio: 0.5)
    let c = FactorFit.Observation(id: "c", source: "Y", generation: "blackwell", framework: "trt", precision: "fp4", moe: false, ratio: exp(1))

    /// Each group's log factor is its figures' wanted log factors (−ln ratio) pulled toward its parent
    /// with the weight of two figures; worked by hand.
    @Test func groupsShrinkTowardTheirParents() throws {
        let entries = FactorFit.fit([a, b, c])
        func log(_ name: String) throws -> Double { Foundation.log(try #require(entries[name]).factor) }
        #expect(abs(try log("all") - (-1.0 / 3)) < 1e-12)
        #expect(abs(try log("sglang") - (-1.0 / 6)) < 1e-12)
        #expect(abs(try log("hopper/sglang/fp8/moe") - (-1.0 / 48)) < 1e-12)
        #expect(abs(try log("trt") - (-5.0 / 9)) < 1e-12)
        #expect(abs(try log("blackwell/trt/fp4/dense") - (-211.0 / 243)) < 1e-12)
        #expect(entries["hopper/sglang/fp8/moe"]?.figures == ["a", "b"])
        let inSample = FactorFit.errors([c], with: entries)
        #expect(abs(inSample[0] - (exp(1) * exp(-211.0 / 243) - 1)) < 1e-12)
    }

    /// Leaving a source out, its figures fall back to the groups the others fitted.
    @Test func leftOutSourcesArePredictedByTheOthers() {
        let errors = FactorFit.leaveOneSourceOut([a, b, c])
        #expect(abs(errors[0] - (2 * exp(-1) - 1)) < 1e-12)
        #expect(abs(errors[1] - (0.5 * exp(-1) - 1)) < 1e-12)
        #expect(abs(errors[2] - (exp(1) - 1)) < 1e-12)
    }

    /// The most specific catalog entry applies, and the simulator divides its steps by it.
    @Test func theMostSpecificEntryDividesEveryStep() throws {
        let overlay = FileManager.default.temporaryDirectory.appendingPathComponent("factors-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: overlay) }
        try "framework-factors:\n  hopper/sglang: { factor: 0.5, figures: [] }\n  hopper/sglang/fp8/moe: { factor: 0.25, figures: [x] }\n"
            .write(to: overlay, atomically: true, encoding: .utf8)
        let catalog = try Catalog.load(userFile: overlay.path)
        #expect(
            catalog.frameworkFactor(generation: "hopper", framework: "dynamo-sglang", precision: "fp8", moe: true) == (0.25, "hopper/sglang/fp8/moe"))
        #expect(catalog.frameworkFactor(generation: "hopper", framework: "sglang", precision: "bf16", moe: false).entry == "hopper/sglang")
        var config = try SimConfig.resolve(
            catalog: catalog, hardware: "h200", model: "dsr1", precision: "fp8", topology: .aggregated(WorkerShape(tp: 8)))
        let bare = try PerfModel(config: config, shape: WorkerShape(tp: 8)).stepSeconds(decodeWork(batch: 32, context: 2048))
        config.useFramework("sglang", catalog: catalog)
        #expect(config.frameworkSpeed == 0.25)
        let slowed = try PerfModel(config: config, shape: WorkerShape(tp: 8)).stepSeconds(decodeWork(batch: 32, context: 2048))
        #expect(abs(slowed - bare * 4) < 1e-15)
    }
}
