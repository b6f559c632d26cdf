import Testing

@testable import Catalog
@testable import SimEngine

@Suite struct FigureReplayTests {
    /// Every bundled validation figure names its source and quotes it, in a setting the catalog knows.
    @Test func everyBundledFigureHasItsSourceAndAKnownSetting() throws {
        let figures = try PublishedFigure.bundled()
        #expect(figures.count >= 60 && Set(figures.map(\.id)).count == figures.count)
        for figure in figures {
            #expect(!figure.source.isEmpty && !figure.publisher.isEmpty && figure.url.contains("http") && !figure.quote.isEmpty, "\(figure.id)")
            #expect(bundledCatalog.hardware(forRunner: figure.hardware) != nil && bundledCatalog.model(named: figure.model) != nil, "\(figure.id)")
        }
    }

    /// One replay, read in each unit a source may quote: per GPU, for the GPUs quoted, and with
    /// input tokens counted too.
    @Test func aReplayIsReportedInTheFiguresUnit() throws {
        var figure = PublishedFigure(
            id: "t", source: "s", publisher: "p", url: "http://x", hardware: "h200", model: "llama70b", precision: "fp8", framework: "vllm",
            tp: 2, ep: 1, dpAttention: false, isl: 128, osl: 64, concurrency: 4, metric: .outputPerGPU, value: 1,
            gpus: 8, kvCache: "fp8", memoryFraction: nil, quote: "q")
        let perGPU = try FigureReplay.simulate(figure, catalog: bundledCatalog)
        figure.metric = .outputTotal
        let total = try FigureReplay.simulate(figure, catalog: bundledCatalog)
        figure.metric = .totalTotal
        let withInput = try FigureReplay.simulate(figure, catalog: bundledCatalog)
        #expect(perGPU > 0 && abs(total - 8 * perGPU) < 1e-6 * total && abs(withInput - total * 192 / 64) < 1e-6 * withInput)
    }
}

extension FigureReplayTests {
    /// A latency figure is replayed as a benchmark client at its concurrency: at concurrency 1 each
    /// request decodes alone, so its TPOT is the mean of its decode steps' times (contexts 129…191).
    @Test func aTPOTFigureAtConcurrencyOneIsTheMeanDecodeStep() throws {
        var figure = Self.singleRequestTPOT(model: "llama70b", framework: "vllm", tp: 2)
        let replayed = try FigureReplay.simulate(figure, catalog: bundledCatalog, speeds: .bare(computeSpeed: 1))
        var config = try SimConfig.resolve(
            catalog: bundledCatalog, hardware: "h200", model: "llama70b", precision: "fp8", kvCacheDType: "fp8",
            topology: .aggregated(WorkerShape(tp: 2)))
        config.useFramework("vllm", catalog: bundledCatalog)
        config.frameworkSpeed = 1
        config.computeSpeed = 1
        let model = try PerfModel(config: config, shape: WorkerShape(tp: 2))
        // Step times are truncated to whole nanoseconds, as the scheduler does.
        let steps = (129..<192).map { context -> Double in
            var work = StepWork(attentionWindow: model.attentionWindow)
            work.addDecodingSequence(context: context)
            return Double(max(1, Int64(model.stepSeconds(work) * 1e9)))
        }
        #expect(abs(replayed - steps.reduce(0, +) / Double(steps.count) / 1e6) < 1e-9)
        figure.concurrency = nil
        #expect(throws: SimConfigError.self) { try FigureReplay.simulate(figure, catalog: bundledCatalog) }
    }
}

extension FigureReplayTests {
    /// A disaggregated pool measured alone, on the bare roofline. Prefill: each step carries SGLang's
    /// 16,384-token budget per DP-attention rank, filled with 2,000-token prompts (8 ranks: 65 whole
    /// prompts and a 1,072-token chunk). Decode: 64 sequences per GPU at 2,000 tokens of context.
    @Test func aPoolFigureIsOneSaturatedStepOfItsPool() throws {
        var figure = PublishedFigure(
            id: "pool", source: "s", publisher: "p", url: "http://x", hardware: "gb200", model: "dsr1", precision: "fp8",
            framework: "sglang", tp: 8, ep: 8, dpAttention: true, isl: 2000, osl: 1, concurrency: nil, metric: .prefillInputPerGPU,
            value: 1, gpus: 8, kvCache: "bf16", memoryFraction: nil, quote: "q")
        let shape = WorkerShape(tp: 8, ep: 8, dpAttention: true)
        var config = try SimConfig.resolve(
            catalog: bundledCatalog, hardware: "gb200", model: "dsr1", precision: "fp8", kvCacheDType: "bf16", topology: .aggregated(shape))
        config.useFramework("sglang", catalog: bundledCatalog)
        config.frameworkSpeed = 1
        config.computeSpeed = 1
        config.chunkedPrefillSize = 8 * 16384
        let model = try PerfModel(config: config, shape: shape)
        var prefill = StepWork()
        for _ in 0..<65 { prefill.addPrefillChunk(start: 0, length: 2000) }
        prefill.addPrefillChunk(start: 0, length: 8 * 16384 - 65 * 2000)
        let prefillReplay = try FigureReplay.simulate(figure, catalog: bundledCatalog, speeds: .bare(computeSpeed: 1))
        #expect(abs(prefillReplay - Double(8 * 16384) / model.stepSeconds(prefill) / 8) < 1e-9 * prefillReplay)

        figure.metric = .decodeOutputPerGPU
        figure.concurrency = 64
        var decode = StepWork()
        decode.decodeSequences = 64 * 8
        decode.decodeContextTokens = 64 * 8 * 2000
        let decodeReplay = try FigureReplay.simulate(figure, catalog: bundledCatalog, speeds: .bare(computeSpeed: 1))
        #expect(abs(decodeReplay - Double(64 * 8) / model.stepSeconds(decode) / 8) < 1e-9 * decodeReplay)
        // The fitted factors apply to pools too.
        #expect(try FigureReplay.simulate(figure, catalog: bundledCatalog) != decodeReplay)
        // A decode pool with MTP verifies three drafts plus one per sequence and keeps 2.5 of them.
        var speculative = figure
        speculative.specDecoding = "mtp"
        speculative.acceptanceLength = 2.5
        config.useFramework("sglang", catalog: bundledCatalog, speculative: SpeculativeDecoding(acceptanceLength: 2.5))
        config.frameworkSpeed = 1
        config.computeSpeed = 1
        decode.decodeTokensPerSequence = 4
        let mtpStep = try PerfModel(config: config, shape: shape).stepSeconds(decode)
        let mtpReplay = try FigureReplay.simulate(speculative, catalog: bundledCatalog, speeds: .bare(computeSpeed: 1))
        #expect(abs(mtpReplay - Double(64 * 8) * 2.5 / mtpStep / 8) < 1e-9 * mtpReplay)
        figure.isl = 0
        #expect(throws: SimConfigError.self) { try FigureReplay.simulate(figure, catalog: bundledCatalog) }
    }
}

extension FigureReplayTests {
    /// A figure measured with MTP is replayed with the draft head: alone at concurrency 1, each step
    /// emits the acceptance length's tokens, so TPOT falls, though by less than that factor.
    @Test func anMTPFigureIsReplayedWithItsDraftHead() throws {
        var figure = Self.singleRequestTPOT(model: "dsr1", framework: "sglang", tp: 8)
        let plain = try FigureReplay.simulate(figure, catalog: bundledCatalog, speeds: .bare(computeSpeed: 1))
        figure.specDecoding = "mtp"
        figure.acceptanceLength = 2
        #expect(figure.isSpeculative)
        let speculative = try FigureReplay.simulate(figure, catalog: bundledCatalog, speeds: .bare(computeSpeed: 1))
        // Two tokens a step, but a step verifying three tokens reads up to three tokens' experts.
        #expect(speculative < plain * 0.8 && speculative > plain / 2)
    }
}

extension FigureReplayTests {
    /// A median-TPOT figure on H200 at one request in flight, 128/64 tokens, FP8 weights and KV.
    static func singleRequestTPOT(model: String, framework: String, tp: Int) -> PublishedFigure {
        PublishedFigure(
            id: "tpot", source: "s", publisher: "p", url: "http://x", hardware: "h200", model: model, precision: "fp8",
            framework: framework, tp: tp, ep: 1, dpAttention: false, isl: 128, osl: 64, concurrency: 1, metric: .medianTPOT,
            value: 1, gpus: tp, kvCache: "fp8", memoryFraction: nil, quote: "q")
    }
}
