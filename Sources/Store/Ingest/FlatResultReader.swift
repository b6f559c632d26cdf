import Metrics

/// The one-object summaries of vLLM (both layouts), SGLang's `bench_serving` and `bench load
/// --save-result`: `<stat>_<metric><unit>` latency keys and whole-run token totals.
enum FlatResultReader {
    private struct Layout {
        /// Key suffix of latencies and the factor to seconds.
        var suffix: String
        var scale: Double
        /// The end-to-end latency's metric name.
        var e2el: String
    }

    private static func layout(_ format: ResultFormat) -> Layout {
        switch format {
        case .vllmSeconds: return Layout(suffix: "", scale: 1, e2el: "e2el")
        case .sglang: return Layout(suffix: "_ms", scale: 1e-3, e2el: "e2e_latency")
        default: return Layout(suffix: "_ms", scale: 1e-3, e2el: "e2el")
        }
    }

    static func read(_ object: ResultObject, format: ResultFormat) -> ReportedResult {
        let layout = layout(format)
        var result = ReportedResult(format: format)
        result.completed = object.whole("completed") ?? 0
        // vLLM counts failures; SGLang writes only successes (a missing count is zero, not invented).
        result.failed = object.whole("failed") ?? object.whole("num_prompts").map { max(0, $0 - result.completed) } ?? 0
        result.inputTokens = object.whole("total_input_tokens") ?? 0
        result.outputTokens = object.whole("total_output_tokens") ?? 0
        result.durationSeconds = object.number("duration") ?? 0
        result.requestThroughput = object.number("request_throughput") ?? 0
        result.setThroughputs(statedInput: object.number("input_throughput"), statedOutput: object.number("output_throughput"))
        func distribution(_ metric: String) -> Distribution? {
            LatencyKeys.distribution(object, metric: metric, suffix: layout.suffix, scale: layout.scale, count: result.completed)
        }
        result.ttft = distribution("ttft")
        result.tpot = distribution("tpot")
        result.itl = distribution("itl")
        result.e2el = distribution(layout.e2el)
        if format == .bench {
            result.itlPerToken = LatencyKeys.distribution(
                object, metric: "itl_per_token", keyPrefix: "bench_", suffix: "_ms",
                scale: 1e-3, count: result.completed)
        }
        result.settings = settings(object)
        return result
    }

    /// What these files say about their point: the model, the concurrency limit and, in bench's and
    /// SGLang's files, the requested lengths (and bench's GPU count, GPU, engine and precision).
    private static func settings(_ object: ResultObject) -> IngestSettings {
        var settings = IngestSettings()
        settings.model = object.text("model_id") ?? object.object("server_info")?.text("model_path")
        settings.concurrency = object.whole("max_concurrency")
        settings.isl = object.whole("bench_isl") ?? object.whole("random_input_len")
        settings.osl = object.whole("bench_osl") ?? object.whole("random_output_len")
        settings.gpus = object.whole("bench_gpus")
        settings.hardware = object.text("bench_hardware")
        settings.framework = object.text("bench_framework")
        settings.precision = object.text("bench_precision")
        return settings
    }
}

/// Latency statistics stored as `<stat>_<metric><suffix>` keys.
enum LatencyKeys {
    /// vLLM's statistic names, bench's order: mean, median, std, p90, p99, p99.9.
    static let statistics = ["mean", "median", "std", "p90", "p99", "p99.9"]

    /// nil without a median (the statistic everything else is judged by); others nil when absent.
    static func distribution(
        _ object: ResultObject, metric: String, keyPrefix: String = "", suffix: String, scale: Double,
        count: Int
    ) -> Distribution? {
        func value(_ stat: String) -> Double? { object.number("\(keyPrefix)\(stat)_\(metric)\(suffix)").map { $0 * scale } }
        guard let median = value("median") else { return nil }
        return Distribution(
            count: count, mean: value("mean"), median: median, std: value("std"), p90: value("p90"),
            p99: value("p99"), p999: value("p99.9"))
    }
}
