import Metrics

/// The result file kinds bench reads, told apart by their keys (`ResultFormat.detect`).
public enum ResultFormat: String, Sendable, CaseIterable {
    /// `bench load --save-result`: vLLM's keys plus `bench_*`.
    case bench
    /// InferenceX's aggregated result row (`utils/process_result.py`): per-GPU throughputs, latencies in seconds.
    case inferenceX = "inferencex"
    /// vLLM `--save-result`, current layout: `*_ms` latencies, `total_token_throughput`.
    case vllm
    /// vLLM `benchmark_serving.py --save-result`, older layout: latencies in seconds under `median_ttft`, `p99_tpot`, …
    case vllmSeconds = "vllm-seconds"
    /// SGLang `bench_serving --output-file`: `*_e2e_latency_ms`, `input_throughput`.
    case sglang
    /// AIPerf's `profile_export_aiperf.json`.
    case aiperf
    /// guidellm's benchmarks report.
    case guidellm
}

/// What one result object reports, in bench's units (seconds, tokens per second), before the
/// settings that place it (GPUs, ISL/OSL, …) are resolved. A statistic the file lacks stays nil.
struct ReportedResult {
    enum Throughput {
        /// Tokens per second of the whole deployment.
        case totals(input: Double, output: Double)
        /// Per GPU as InferenceX reports them: total per GPU, input per prefill GPU (rows from before
        /// InferenceX wrote it: nil, the rest of the total), output per decode GPU.
        case perGPU(total: Double, input: Double?, output: Double)
    }

    var format: ResultFormat
    /// What the file itself says about its point.
    var settings = IngestSettings()
    var completed = 0
    var failed = 0
    var inputTokens = 0
    var outputTokens = 0
    var durationSeconds = 0.0
    var requestThroughput = 0.0
    var throughput = Throughput.totals(input: 0, output: 0)
    var ttft: Distribution?
    var tpot: Distribution?
    var itl: Distribution?
    var itlPerToken: Distribution?
    var e2el: Distribution?
    var power: MeasuredPower?

    init(format: ResultFormat) {
        self.format = format
    }

    /// Whole-deployment throughputs as the file states them, else its token totals over its duration
    /// (never total − output, which files without a total throughput turn negative). Call once the
    /// tokens and duration are read.
    mutating func setThroughputs(statedInput: Double?, statedOutput: Double?) {
        let perSecond = durationSeconds > 0 ? 1 / durationSeconds : 0
        throughput = .totals(input: statedInput ?? Double(inputTokens) * perSecond, output: statedOutput ?? Double(outputTokens) * perSecond)
    }

    /// The point's metrics once its GPUs are known; per-GPU figures are turned back into totals
    /// with InferenceX's denominators, so bench's per-GPU figures equal the file's.
    func metrics(gpus: Int, pools: (prefill: Int, decode: Int)?) -> PointMetrics {
        let input: Double, output: Double
        switch throughput {
        case let .totals(totalInput, totalOutput):
            (input, output) = (totalInput, totalOutput)
        case let .perGPU(totalPerGPU, inputPerGPU, outputPerGPU):
            output = outputPerGPU * Double(pools?.decode ?? gpus)
            input = inputPerGPU.map { $0 * Double(pools?.prefill ?? gpus) } ?? (totalPerGPU * Double(gpus) - output)
        }
        return PointMetrics(
            reportedCompleted: completed, failed: failed, inputTokens: inputTokens, outputTokens: outputTokens,
            durationSeconds: durationSeconds, requestThroughput: requestThroughput, inputThroughput: input,
            outputThroughput: output, gpus: gpus, pools: pools, ttft: ttft, tpot: tpot, itl: itl,
            itlPerToken: itlPerToken, e2el: e2el)
    }
}
