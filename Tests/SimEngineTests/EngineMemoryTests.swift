import Testing

@testable import SimEngine

@Suite struct EngineMemoryTests {
    @Test(
        arguments: [
            ("sglang", ["--mem-fraction-static", "0.82"], EngineMemory.Accounting.staticFraction, 0.82),
            ("dynamo-sglang", ["--mem-fraction-static=0.85"], .staticFraction, 0.85),
            ("vllm", ["--gpu-memory-utilization", "0.95"], .utilization, 0.95),
            ("atom", [], .utilization, nil),
            ("dynamo-trt", ["free_gpu_memory_fraction: 0.75"], .freeFraction, 0.75),
            ("trt", ["--mem-fraction-static", "1.5"], .freeFraction, nil),
        ] as [(String, [String], EngineMemory.Accounting, Double?)])
    func frameworkAndKnobComeFromTheDeployment(_ framework: String, _ arguments: [String], _ accounting: EngineMemory.Accounting, _ fraction: Double?)
    {
        let memory = EngineMemory.of(framework: framework, engineArguments: arguments)
        #expect(memory.accounting == accounting && memory.fraction == fraction)
    }

    /// SGLang's own default on an H200 at TP8 with an 8k chunked prefill: 14,848 MiB reserved of
    /// 141 GiB, 0.897 (server_args.py's formula, worked by hand).
    @Test func sglangsDefaultFractionFollowsItsReservationFormula() {
        let h200 = 141 * 1_073_741_824.0
        #expect(abs(EngineMemory.sglangDefault(memoryBytes: h200, gpus: 8, chunkedPrefill: 8192, speculative: false) - 0.897) < 0.001)
        // Small GPUs still keep 10 GiB back; MTP adds 4 GiB.
        let mtp = EngineMemory.sglangDefault(memoryBytes: h200, gpus: 8, chunkedPrefill: 8192, speculative: true)
        #expect(abs((0.897 - mtp) * h200 - 4 * 1_073_741_824) < 0.002 * h200)
    }

    /// vLLM counts its fraction of the whole GPU, TensorRT-LLM its fraction of what is left.
    @Test func eachAccountingLeavesTheKVCacheItsEngineWould() {
        let memory = 100e9, weights = 60e9
        let vllm = EngineMemory(accounting: .utilization, fraction: 0.9).kvBytes(
            memoryBytes: memory, weightBytes: weights, gpus: 8, chunkedPrefill: 8192, speculative: false)
        let trt = EngineMemory(accounting: .freeFraction, fraction: 0.9).kvBytes(
            memoryBytes: memory, weightBytes: weights, gpus: 8, chunkedPrefill: 8192, speculative: false)
        #expect(abs(vllm.bytes - (90e9 - 60e9 - EngineMemory.runtimeReserveBytes)) < 1)
        #expect(abs(trt.bytes - (100e9 - 60e9 - EngineMemory.runtimeReserveBytes) * 0.9) < 1)
    }
}
