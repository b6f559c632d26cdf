import Catalog
import Testing

@testable import SimEngine

/// The InferenceX models added to the catalog run on the simulator, and their new attention kinds
/// and the int4 format are priced as docs/simulator.md says.
@Suite struct NewModelTests {
    /// (model, GPU, precision, TP) where the weights fit.
    static let fittingPoints: [(String, String, String, Int)] = [
        ("dsv4", "b200", "fp4", 8), ("glm5", "h200", "fp8", 8), ("glm5.1", "b200", "fp4", 8),
        ("glm5.2", "mi355x", "fp4", 8), ("kimik2.5", "h200", "int4", 8), ("kimik2.6", "b200", "fp4", 8),
        ("kimik3", "gb300", "fp4", 8), ("minimaxm2.5", "h100", "fp8", 4), ("minimaxm3", "b200", "fp8", 4),
        ("qwen3.5", "b200", "fp8", 4), ("qwen3.5", "rtx6000pro", "fp4", 4), ("minimaxm2.5", "rtx-pro-6000", "fp8", 4),
    ]

    @Test(arguments: fittingPoints)
    func simulatedPointHasFinitePositiveThroughput(model: String, hardware: String, precision: String, tp: Int) throws {
        let config = try simConfig(hardware, model: model, precision: precision, tp: tp, kv: "fp8")
        let timelines = try closedLoop(config, isl: 2048, osl: 64, concurrency: 8, requests: 16)
        let throughput = outputThroughputPerGPU(timelines, gpus: tp)
        #expect(throughput.isFinite && throughput > 0, "\(model) on \(tp) x \(hardware) \(precision)")
        #expect(timelines.allSatisfy { $0.tokenTimes.count == 64 })
    }

    @Test func pointThatDoesNotFitIsRefusedWithTheReason() throws {
        // Kimi-K3's 2.8T parameters at FP8 need ~2.8 TB; eight H200s hold ~1 TB.
        let config = try simConfig("h200", model: "kimik3", precision: "fp8", tp: 8)
        #expect { try PerfModel(config: config, shape: WorkerShape(tp: 8)) } throws: {
            "\($0)".contains("does not fit on 8 × h200")
        }
    }

    @Test func int4StoresExpertsInHalfAByteAndComputesAtBF16() throws {
        // Kimi's INT4: experts at 4.5 bits like FP4, everything else BF16; GEMMs at the BF16 peak.
        func model(_ precision: String) throws -> PerfModel {
            try PerfModel(config: simConfig("b200", model: "kimik2.5", precision: precision, tp: 16), shape: WorkerShape(tp: 16))
        }
        let int4 = try model("int4"), fp4 = try model("fp4"), bf16 = try model("bf16")
        #expect(int4.weightBytesPerGPU > fp4.weightBytesPerGPU)  // non-expert weights BF16, not FP8
        #expect(int4.weightBytesPerGPU < fp4.weightBytesPerGPU * 1.2)
        #expect(int4.weightBytesPerGPU < bf16.weightBytesPerGPU / 3)
        var prefill = StepWork()
        prefill.addPrefillChunk(start: 0, length: 8192)
        #expect(int4.cost(prefill).compute == bf16.cost(prefill).compute)
        #expect(int4.cost(prefill).compute > fp4.cost(prefill).compute)
    }

    @Test func unknownPrecisionNamesTheAcceptedOnes() throws {
        let config = try simConfig("b200", model: "kimik2.5", precision: "int3", tp: 8)
        #expect { try PerfModel(config: config, shape: WorkerShape(tp: 8)) } throws: { "\($0)".contains("int4") }
    }

    @Test func sparseDecodeReadsOnlyTheIndexBeyondTheSelection() throws {
        // GLM-5 decode past the 2048 selected tokens: each further context token costs its indexer
        // key only, 78 x 128 of the 78 x 704 cached bytes.
        var config = try simConfig("b200", model: "glm5", precision: "fp4", tp: 8, kv: "fp8")
        let sparse = try PerfModel(config: config, shape: WorkerShape(tp: 8))
        config.model.sparseAttention = nil
        let dense = try PerfModel(config: config, shape: WorkerShape(tp: 8))
        func memory(_ model: PerfModel, context: Int) -> Double {
            var work = StepWork(attentionWindow: model.attentionWindow)
            for _ in 0..<64 { work.addDecodingSequence(context: context) }
            return model.cost(work).memory
        }
        let sparseGrowth = memory(sparse, context: 32768) - memory(sparse, context: 16384)
        let denseGrowth = memory(dense, context: 32768) - memory(dense, context: 16384)
        #expect(abs(sparseGrowth / denseGrowth - 128.0 / 704.0) < 1e-9)
        // Below the selection both read everything.
        #expect(abs(memory(sparse, context: 1024) - memory(dense, context: 1024)) < 1e-12)
    }

    @Test func windowedSumsCapEachPositionAtTheWindow() {
        var work = StepWork(attentionWindow: 4)
        work.addPrefillChunk(start: 2, length: 5)  // positions 2...6 see 2, 3, 4, 4, 4 selected tokens
        #expect(work.prefillWindowedPairs == 17 && work.prefillAttentionPairs == 2 + 3 + 4 + 5 + 6)
        work.addDecodingSequence(context: 3)
        work.addDecodingSequence(context: 10)
        #expect(work.decodeWindowedContextTokens == 3 + 4 && work.decodeContextTokens == 13)
        var plain = StepWork()
        plain.addPrefillChunk(start: 2, length: 5)
        #expect(plain.prefillWindowedPairs == 0)
    }

    @Test func linearAttentionStateIsReservedPerSequence() throws {
        // Qwen3.5 at TP4: the 192 MB state splits 4 ways, the 15 full layers' KV (2 KV heads) 2 ways.
        let model = try PerfModel(
            config: simConfig("b200", model: "qwen3.5", precision: "fp8", tp: 4, kv: "bf16"),
            shape: WorkerShape(tp: 4))
        let statePerGPU = 192_061_440.0 / 4, kvPerGPU = 30_720.0 / 2
        #expect(model.kvTokensPerSequence == Int((statePerGPU / kvPerGPU).rounded(.up)))
        // A decoding sequence's step reads and writes its state: more sequences, more state traffic.
        var one = StepWork(), two = StepWork()
        one.addDecodingSequence(context: 0)
        two.addDecodingSequence(context: 0)
        two.addDecodingSequence(context: 0)
        #expect(model.cost(two).memory - model.cost(one).memory > 2 * statePerGPU / (8.0e12))
    }
}
