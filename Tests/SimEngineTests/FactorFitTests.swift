import Catalog
import Foundation
import Testing

@testable import SimEngine

@Suite struct FactorFitTests {
    static let hopperSGLang = FactorKey(generation: "hopper", framework: "sglang", precision: "fp8", model: "dsr1", moe: true)
    /// A compute-bound figure: its replayed speed grows with the compute speed, ln ratio = ln k.
    let computeBound = FactorFit.Observation(id: "a", source: "X", key: Self.hopperSGLang, logRatios: FactorFit.computeGrid)
    /// A memory-bound figure of the same engine: 0.2 faster in ln than published whatever k is.
    let memoryBound = FactorFit.Observation(
        id: "b", source: "X",
        key: FactorKey(generation: "hopper", framework: "dynamo-sglang", precision: "FP8", model: "dsr1", moe: true),
        ratio: exp(0.2))
    let otherEngine = FactorFit.Observation(
        id: "c", source: "Y",
        key: FactorKey(generation: "blackwell", framework: "trt", precision: "fp4", model: "llama70b", moe: false),
        ratio: exp(1))

    /// Normal equations worked by hand: X = [[1, 0], [1, 1]], y = [1, 3], λ = [0, 1] gives
    /// (XᵀX + Λ) = [[2, 1], [1, 2]], Xᵀy = [4, 3], so w = (5/3, 2/3).
    @Test func ridgeRegressionSolvesItsNormalEquations() throws {
        let fit = try #require(RidgeRegression(design: [[1, 0], [1, 1]], targets: [1, 3], penalties: [0, 1]))
        #expect(abs(fit.coefficients[0] - 5.0 / 3) < 1e-12 && abs(fit.coefficients[1] - 2.0 / 3) < 1e-12)
        // Residuals (2/3, −2/3) squared plus the penalty (2/3)².
        #expect(abs(fit.cost - 12.0 / 9) < 1e-12)
        #expect(RidgeRegression(design: [[1, 0]], targets: [1], penalties: [0, 0]) == nil)
    }

    /// Two figures of one engine that agree only at k = e^0.2 with `all` = e^−0.2: the fit finds that
    /// k and leaves every other effect at 1, with no error left.
    @Test func theComputeSpeedIsWhereTheFiguresAgree() throws {
        let entries = FactorFit.fit([computeBound, memoryBound])
        #expect(abs(log(try #require(entries["compute"]).factor) - 0.2) < 1e-9)
        #expect(abs(log(try #require(entries["all"]).factor) + 0.2) < 1e-9)
        for name in ["hopper", "sglang", "fp8", "moe", "dsr1", "hopper/sglang", "hopper/sglang/fp8"] {
            #expect(abs(log(try #require(entries[name]).factor)) < 1e-9)
        }
        #expect(entries["sglang"]?.figures == ["a", "b"])
        for error in FactorFit.errors([computeBound, memoryBound], with: entries) { #expect(abs(error) < 1e-9) }
    }

    /// Ridge shrinkage worked by hand: one figure per engine, each with wanted ln factor ∓1 (flat in k).
    /// `all` is free and every other effect weighs 4 or 8, so `all` takes the mean 0 and each side's
    /// own effects take ridge shares of the rest: with six effects of weight 4 (generation, engine,
    /// precision, kernel path, model, engine on a generation) and one of 8, the residual is
    /// r = 1 / (1 + 6/4 + 1/8), and an effect of weight λ moves r/λ.
    @Test func effectsShrinkTowardOne() throws {
        let fast = FactorFit.Observation(id: "f", source: "X", key: Self.hopperSGLang, ratio: exp(1))
        let slow = FactorFit.Observation(
            id: "s", source: "Y",
            key: FactorKey(generation: "cdna3", framework: "vllm", precision: "bf16", model: "llama70b", moe: false),
            ratio: exp(-1))
        let entries = FactorFit.fit([fast, slow])
        #expect(abs(log(try #require(entries["all"]).factor)) < 1e-9)
        let residual = 1 / (1 + 6.0 / 4 + 1.0 / 8)
        #expect(abs(log(try #require(entries["hopper"]).factor) - -residual / 4) < 1e-9)
        #expect(abs(log(try #require(entries["dsr1"]).factor) - -residual / 4) < 1e-9)
        #expect(abs(log(try #require(entries["cdna3/vllm/bf16"]).factor) - residual / 8) < 1e-9)
        let errors = FactorFit.errors([fast, slow], with: entries)
        #expect(abs(errors[0] - (exp(residual) - 1)) < 1e-9)
    }

    /// A disaggregated pool is read at compute speed 1 whatever k the others fit: here the aggregated
    /// pair fits k = e^0.2 and all = e^−0.2, and a compute-bound pool of another source (ln ratio = ln k)
    /// is left with 0 − 0.2 in ln, not 0.2 − 0.2.
    @Test func aPoolKeepsTheCatalogsComputeRate() throws {
        let pool = FactorFit.Observation(id: "p", source: "Z", key: Self.hopperSGLang, pool: true, logRatios: FactorFit.computeGrid)
        let entries = FactorFit.fit([computeBound, memoryBound])
        #expect(abs(FactorFit.errors([pool], with: entries)[0] - (exp(-0.2) - 1)) < 1e-9)
        var aggregated = pool
        aggregated.pool = false
        #expect(abs(FactorFit.errors([aggregated], with: entries)[0]) < 1e-9)
    }

    /// Leaving a source out, its figures are predicted by the effects the others fitted: here only `all`
    /// and the compute speed carry over to the other engine.
    @Test func leftOutSourcesArePredictedByTheOthers() {
        let errors = FactorFit.leaveOneSourceOut([computeBound, memoryBound, otherEngine])
        #expect(abs(errors[2] - (exp(1 - 0.2) - 1)) < 1e-9)
        // X left out: fitted to c alone, all = e^−1 and k flat (the grid's first point); a's ln ratio there is −2.
        #expect(abs(errors[0] - (exp(-2 - 1) - 1)) < 1e-9)
        #expect(abs(errors[1] - (exp(0.2 - 1) - 1)) < 1e-9)
    }

    /// With a free offset per publisher, Y's lone figure is fitted exactly (its own engine's effects,
    /// pulled toward 1, left it off before) and X's two agree at k = e^0.2 as before: the floor is 0.
    @Test func aFreeOffsetPerPublisherIsTheFloor() {
        let observations = [computeBound, memoryBound, otherEngine]
        #expect(abs(FactorFit.errors(observations, with: FactorFit.fit(observations))[2]) > 0.01)
        #expect(FactorFit.publisherOffsetErrors(observations).allSatisfy { abs($0) < 1e-9 })
    }

    /// The matching entries multiply, `compute` divides the compute side, and the simulator divides
    /// its steps by the product.
    @Test func matchingEntriesMultiplyAndComputeSlowsTheComputeSide() throws {
        let overlay = FileManager.default.temporaryDirectory.appendingPathComponent("factors-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: overlay) }
        try """
        framework-factors:
          all: { factor: 0.5, figures: [] }
          hopper/sglang: { factor: 0.5, figures: [x] }
          blackwell: { factor: 3, figures: [] }
          compute: { factor: 0.25, figures: [] }
        """.write(to: overlay, atomically: true, encoding: .utf8)
        let bundled = try Catalog.load()
        let catalog = try Catalog.load(userFile: overlay.path)
        let factor = catalog.frameworkFactor(
            FactorKey(generation: "hopper", framework: "dynamo-sglang", precision: "fp8", model: "dsr1", moe: true))
        // The bundled entries for fp8 and moe are still there; the overlay replaced all and added hopper/sglang.
        let bundledOthers = ["hopper", "sglang", "fp8", "moe", "dsr1", "hopper/sglang/fp8"].compactMap { bundled.frameworkFactors[$0]?.factor }.reduce(1, *)
        #expect(abs(factor.factor - 0.25 * bundledOthers) < 1e-12)
        #expect(factor.entries.contains("all") && factor.entries.contains("hopper/sglang") && !factor.entries.contains("blackwell"))
        #expect(catalog.computeSpeed == 0.25)

        var config = try SimConfig.resolve(
            catalog: catalog, hardware: "h200", model: "dsr1", precision: "fp8", topology: .aggregated(WorkerShape(tp: 8)))
        let work = decodeWork(batch: 32, context: 2048)
        let bare = try PerfModel(config: config, shape: WorkerShape(tp: 8)).cost(work)
        config.useFramework("sglang", catalog: catalog)
        #expect(config.frameworkSpeed == factor.factor && config.computeSpeed == 0.25)
        let model = try PerfModel(config: config, shape: WorkerShape(tp: 8))
        let slowed = model.cost(work)
        #expect(abs(slowed.compute - bare.compute * 4) < 1e-15)
        #expect(slowed.memory == bare.memory && slowed.overhead == bare.overhead)
        #expect(abs(model.stepSeconds(work) - slowed.seconds / factor.factor) < 1e-15)

        // A disaggregated deployment's pools keep the catalog's compute rate, with the same effects.
        let pool = WorkerPool(workers: 1, shape: WorkerShape(tp: 8))
        var disaggregated = try SimConfig.resolve(
            catalog: catalog, hardware: "h200", model: "dsr1", precision: "fp8", topology: .disaggregated(prefill: pool, decode: pool))
        disaggregated.useFramework("sglang", catalog: catalog)
        #expect(disaggregated.frameworkSpeed == factor.factor && disaggregated.computeSpeed == 1)
        config.useFramework("sglang", catalog: catalog, pool: true)
        #expect(config.computeSpeed == 1)
    }

    /// The `mtp` effect multiplies in only for a deployment decoding speculatively, which also gets the
    /// draft head it was given.
    @Test func theMTPEffectAppliesOnlyToSpeculativeDecoding() throws {
        let overlay = FileManager.default.temporaryDirectory.appendingPathComponent("factors-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: overlay) }
        try "framework-factors:\n  mtp: { factor: 0.5, figures: [x] }\n".write(to: overlay, atomically: true, encoding: .utf8)
        let catalog = try Catalog.load(userFile: overlay.path)
        let plain = FactorKey(generation: "hopper", framework: "sglang", precision: "fp8", model: "dsr1", moe: true)
        var speculative = plain
        speculative.speculative = true
        #expect(!plain.effectNames.contains("mtp") && speculative.effectNames.last == "mtp")
        #expect(abs(catalog.frameworkFactor(speculative).factor - catalog.frameworkFactor(plain).factor * 0.5) < 1e-12)

        var config = try SimConfig.resolve(
            catalog: catalog, hardware: "h200", model: "dsr1", precision: "fp8", topology: .aggregated(WorkerShape(tp: 8)))
        config.useFramework("sglang", catalog: catalog, speculative: SpeculativeDecoding(acceptanceLength: 3))
        #expect(config.speculative?.acceptanceLength == 3 && config.frameworkSpeed == catalog.frameworkFactor(speculative).factor)
        config.useFramework("sglang", catalog: catalog)
        #expect(config.speculative == nil && config.frameworkSpeed == catalog.frameworkFactor(plain).factor)
    }

    /// A name in the old most-specific form (with the kernel path) is refused with the names that work.
    @Test func aFourPartNameIsRefused() throws {
        let overlay = FileManager.default.temporaryDirectory.appendingPathComponent("factors-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: overlay) }
        try "framework-factors:\n  hopper/sglang/fp8/moe: { factor: 0.25, figures: [x] }\n".write(to: overlay, atomically: true, encoding: .utf8)
        #expect {
            try Catalog.load(userFile: overlay.path)
        } throws: { error in
            "\(error)".contains("hopper/sglang/fp8/moe") && "\(error)".contains("<generation>/<framework>/<precision>")
        }
    }
}
