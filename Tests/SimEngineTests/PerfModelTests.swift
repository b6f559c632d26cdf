import Catalog
import Testing

@testable import SimEngine

@Suite struct PerfModelTests {
    /// Above the layer floor more GPUs never make a step slower; at batch 1 both sit on the floor and
    /// the wider all-reduce's ring costs TP8 under 1%.
    @Test func moreGPUsNeverSlowerAtEqualBatch() throws {
        let tp4 = try PerfModel(config: simConfig("b200", precision: "fp4", tp: 4), shape: WorkerShape(tp: 4))
        let tp8 = try PerfModel(config: simConfig("b200", precision: "fp4", tp: 8), shape: WorkerShape(tp: 8))
        for batch in [16, 256] {
            let work = decodeWork(batch: batch, context: 2048)
            #expect(tp8.stepSeconds(work) <= tp4.stepSeconds(work), "batch \(batch)")
        }
        let single = decodeWork(batch: 1, context: 2048)
        #expect(tp4.cost(single).floor > max(tp4.cost(single).compute, tp4.cost(single).memory))
        #expect(tp8.stepSeconds(single) <= tp4.stepSeconds(single) * 1.01)
    }

    @Test func fp8NeverSlowerThanBF16() throws {
        let bf16 = try PerfModel(config: simConfig("b200", model: "llama70b", precision: "bf16", tp: 2), shape: WorkerShape(tp: 2))
        let fp8 = try PerfModel(config: simConfig("b200", model: "llama70b", precision: "fp8", tp: 2), shape: WorkerShape(tp: 2))
        for batch in [1, 64, 512] {
            let work = decodeWork(batch: batch, context: 1024)
            #expect(fp8.stepSeconds(work) <= bf16.stepSeconds(work))
        }
        var prefill = StepWork()
        prefill.addPrefillChunk(start: 0, length: 8192)
        #expect(fp8.stepSeconds(prefill) < bf16.stepSeconds(prefill))
        #expect(fp8.kvCapacityTokens > bf16.kvCapacityTokens)
    }

    /// gpt-oss's MXFP4 experts take MXFP8 activations on Blackwell, so its GEMMs run at the FP8 rate,
    /// not FP4's; on Hopper (no FP4 tensor cores) 4-bit experts run as W4A16 whatever the activations.
    @Test func fourBitExpertsRunAtTheirActivationsRate() throws {
        var prefill = StepWork()
        prefill.addPrefillChunk(start: 0, length: 8192)
        func compute(_ hardware: String, activations: ModelSpec.ActivationFormat?) throws -> Double {
            let config = try simConfig(hardware, model: "gptoss", precision: "fp4", tp: 1) { $0.model.fp4Activations = activations }
            return try PerfModel(config: config, shape: WorkerShape(tp: 1)).cost(prefill).compute
        }
        #expect(bundledCatalog.models["gptoss"]?.fp4Activations == .fp8)
        let b200fp8 = try compute("b200", activations: .fp8), b200fp4 = try compute("b200", activations: nil)
        #expect(b200fp8 > 1.25 * b200fp4, "FP8 activations \(b200fp8) s, FP4 \(b200fp4) s")
        #expect(try compute("h200", activations: .fp8) == compute("h200", activations: nil))
    }

    /// The fitted compute speed slows GEMMs and decode attention but not prompt attention: a chunk's
    /// extra cost for a longer context is the same at any speed, a decode step's grows as 1 / speed.
    @Test func computeSpeedLeavesPromptAttentionAlone() throws {
        func model(speed: Double) throws -> PerfModel {
            try PerfModel(config: simConfig { $0.computeSpeed = speed }, shape: WorkerShape(tp: 8))
        }
        var short = StepWork(), long = StepWork()
        short.addPrefillChunk(start: 0, length: 4096)
        long.addPrefillChunk(start: 32768, length: 4096)
        let full = try model(speed: 1), slow = try model(speed: 0.25)
        let promptAttention = { (m: PerfModel) in m.cost(long).compute - m.cost(short).compute }
        #expect(promptAttention(full) > 0 && abs(promptAttention(slow) - promptAttention(full)) < 1e-9 * promptAttention(full))
        #expect(slow.cost(short).compute > 2 * full.cost(short).compute, "a short chunk's GEMMs slow down")
        let decode = { (m: PerfModel, context: Int) in m.cost(decodeWork(batch: 256, context: context)).compute }
        let decodeAttention = { (m: PerfModel) in decode(m, 16384) - decode(m, 1024) }
        #expect(abs(decodeAttention(slow) - 4 * decodeAttention(full)) < 1e-6 * decodeAttention(slow))
    }

    @Test func decodeStepGrowsWithBatchAndContext() throws {
        let model = try PerfModel(config: simConfig(), shape: WorkerShape(tp: 8))
        var previous = 0.0
        for batch in [1, 2, 8, 32, 128, 512] {
            let seconds = model.stepSeconds(decodeWork(batch: batch, context: 2048))
            #expect(seconds > previous, "batch \(batch)")
            previous = seconds
        }
        #expect(model.stepSeconds(decodeWork(batch: 64, context: 8192)) > model.stepSeconds(decodeWork(batch: 64, context: 1024)))
    }

    @Test func prefillIsComputeBoundAndQuadratic() throws {
        let model = try PerfModel(config: simConfig(), shape: WorkerShape(tp: 8))
        var short = StepWork(), long = StepWork()
        short.addPrefillChunk(start: 0, length: 8192)
        long.addPrefillChunk(start: 32768, length: 8192)
        #expect(model.cost(short).compute > model.cost(short).memory)
        #expect(model.cost(long).compute > model.cost(short).compute * 1.5)
    }

    @Test func expertsTouchedFollowsTheBinomialExpectation() throws {
        let model = try PerfModel(config: simConfig(), shape: WorkerShape(tp: 8))
        #expect(abs(model.expertsTouched(tokens: 1) - 8) < 1e-9)
        #expect(model.expertsTouched(tokens: 64) > 200 && model.expertsTouched(tokens: 64) < 256)
        #expect(abs(model.expertsTouched(tokens: 100_000) - 256) < 1e-6)
    }

    @Test func dpAttentionStopsReplicatingMLACache() throws {
        let tpAttention = try PerfModel(config: simConfig("b200", precision: "fp4", tp: 8, ep: 8), shape: WorkerShape(tp: 8, ep: 8))
        let dpAttention = try PerfModel(
            config: simConfig("b200", precision: "fp4", tp: 8, ep: 8, dpAttention: true),
            shape: WorkerShape(tp: 8, ep: 8, dpAttention: true))
        #expect(dpAttention.kvCapacityTokens > 5 * tpAttention.kvCapacityTokens)
        let work = decodeWork(batch: 512, context: 2048)
        #expect(dpAttention.cost(work).memory < tpAttention.cost(work).memory)
    }

    @Test func speculativeDecodingCostsMoreComputePerStep() throws {
        let plain = try PerfModel(config: simConfig(), shape: WorkerShape(tp: 8))
        let mtp = try PerfModel(config: simConfig { $0.speculative = SpeculativeDecoding(acceptanceLength: 2.5) }, shape: WorkerShape(tp: 8))
        var work = decodeWork(batch: 32, context: 2048)
        let plainSeconds = plain.stepSeconds(work)
        work.decodeTokensPerSequence = 4
        #expect(mtp.stepSeconds(work) > plainSeconds)
        #expect(mtp.stepSeconds(work) < 2.5 * plainSeconds)
    }

    @Test func expertParallelismBeyondTheNodeCostsNICTime() throws {
        // Same tokens per rank: H200 EP8 stays on NVLink, EP32 crosses 400 Gb/s NICs with a wider,
        // slower all-to-all. Decode's low-latency kernels send a copy per expert over the NIC;
        // prefill's high-throughput kernels cross once per remote node and fan out over NVLink.
        func model(_ ep: Int) throws -> PerfModel {
            try PerfModel(config: simConfig("h200", tp: ep, ep: ep, dpAttention: true), shape: WorkerShape(tp: ep, ep: ep, dpAttention: true))
        }
        let ep8 = try model(8), ep32 = try model(32)
        let decode8 = ep8.cost(decodeWork(batch: 8 * 128, context: 2048)), decode32 = ep32.cost(decodeWork(batch: 32 * 128, context: 2048))
        #expect(decode32.communication > 2 * decode8.communication)
        var prefill8 = StepWork(), prefill32 = StepWork()
        for _ in 0..<8 { prefill8.addPrefillChunk(start: 0, length: 4096) }
        for _ in 0..<32 { prefill32.addPrefillChunk(start: 0, length: 4096) }
        let prefillCost32 = ep32.cost(prefill32).communication
        #expect(prefillCost32 > ep8.cost(prefill8).communication)
        // One NIC copy per remote node (at most 3) instead of one per remote expert (~7.75 of 8):
        // below what the per-expert copies would take even at the NIC's full 50 GB/s.
        let perExpertCopies = 58 * 4096 * 8 * 7168 * 3 * 31 / 32 / 50e9
        #expect(prefillCost32 < perExpertCopies / 2)
    }

    @Test func modelThatDoesNotFitIsAClearError() throws {
        #expect {
            _ = try PerfModel(config: simConfig("h100", tp: 2), shape: WorkerShape(tp: 2))
        } throws: { error in
            "\(error)".contains("does not fit") && "\(error)".contains("use more GPUs")
        }
    }
}
