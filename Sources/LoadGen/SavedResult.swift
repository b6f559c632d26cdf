import Foundation
import Metrics

/// `--save-result`: the keys of vLLM's `benchmark_serving --save-result` (so scripts that read
/// those files read this one), InferenceX's per-GPU and interactivity keys, and bench's own
/// under a `bench_` prefix. vLLM's latency keys are milliseconds; InferenceX's are seconds.
extension LoadReport {
    /// What the load generator cannot know but a reader needs (the GPU, engine and weight precision
    /// behind the URL), recorded as `bench_hardware`, `bench_framework`, `bench_precision` when given,
    /// so `bench ingest` reads the file back with no flags.
    public struct Labels: Sendable {
        public var hardware: String?
        public var framework: String?
        public var precision: String?

        public init(hardware: String? = nil, framework: String? = nil, precision: String? = nil) {
            self.hardware = hardware
            self.framework = framework
            self.precision = precision
        }
    }

    public func savedResultJSON(labels: Labels = Labels()) throws -> Data {
        var result: [String: Any] = [:]
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        let records = outcome.requests.map(\.record)
        let workload = settings.workload
        result["date"] = formatter.string(from: date)
        result["backend"] = workload.endpoint == .chat ? "openai-chat" : "openai"
        result["model_id"] = workload.model
        result["tokenizer_id"] = NSNull()
        result["num_prompts"] = outcome.requests.count
        result["request_rate"] = settings.arrivals.rate.map { $0 as Any } ?? "inf"
        result["burstiness"] = settings.arrivals.burstiness
        result["max_concurrency"] = settings.maxConcurrency.map { $0 as Any } ?? NSNull()
        result["duration"] = metrics.durationSeconds
        result["completed"] = metrics.completed
        result["failed"] = metrics.failed
        result["total_input_tokens"] = metrics.inputTokens
        result["total_output_tokens"] = metrics.outputTokens
        result["request_throughput"] = metrics.requestThroughput
        result["request_goodput"] = NSNull()
        result["output_throughput"] = metrics.outputThroughput
        result["total_token_throughput"] = metrics.totalThroughput
        result["input_lens"] = records.map(\.promptTokens)
        result["output_lens"] = records.map { $0.succeeded ? $0.outputTokens : 0 }
        result["ttfts"] = records.map { $0.succeeded ? $0.ttft ?? 0 : 0 }
        result["itls"] = records.map { $0.succeeded ? $0.interChunkLatencies : [] }
        result["generated_texts"] = records.map { _ in "" }
        result["errors"] = records.map { $0.error.map { "\($0.kind.rawValue): \($0.message)" } ?? "" }

        let latencies: [(String, Distribution?)] = [("ttft", metrics.ttft), ("tpot", metrics.tpot), ("itl", metrics.itl), ("e2el", metrics.e2el)]
        for (name, distribution) in latencies {
            for (stat, value) in Self.statistics(distribution) {
                result["\(stat)_\(name)_ms"] = value.map { $0 * 1000 as Any } ?? NSNull()
                result["\(stat)_\(name)"] = value.map { $0 as Any } ?? NSNull()
            }
        }
        // InferenceX's process_result.py: every `*tpot*` statistic x gives `x_intvty = 1000 / x_tpot_ms`, std included.
        for (stat, value) in Self.statistics(metrics.tpot) {
            result["\(stat)_intvty"] = value.flatMap { $0 > 0 ? 1 / $0 as Any : nil } ?? NSNull()
        }
        for (stat, value) in Self.statistics(metrics.itlPerToken) {
            result["bench_\(stat)_itl_per_token_ms"] = value.map { $0 * 1000 as Any } ?? NSNull()
        }
        result["tput_per_gpu"] = metrics.totalThroughputPerGPU.map { $0 as Any } ?? NSNull()
        result["output_tput_per_gpu"] = metrics.outputThroughputPerGPU.map { $0 as Any } ?? NSNull()
        result["input_tput_per_gpu"] = metrics.inputThroughputPerGPU.map { $0 as Any } ?? NSNull()

        result["bench_hardware"] = labels.hardware ?? NSNull()
        result["bench_framework"] = labels.framework ?? NSNull()
        result["bench_precision"] = labels.precision ?? NSNull()
        result["bench_isl"] = workload.inputLength
        result["bench_osl"] = workload.outputLength
        result["bench_random_range_ratio"] = workload.rangeRatio
        result["bench_seed"] = workload.seed
        result["bench_endpoint"] = workload.endpoint.rawValue
        result["bench_gpus"] = metrics.gpus.map { $0 as Any } ?? NSNull()
        result["bench_warmups"] = settings.warmups
        result["bench_warmup_failures"] = outcome.warmupFailures
        result["bench_interrupted"] = outcome.interrupted
        result["bench_unsent"] = outcome.unsent
        result["bench_failures_by_kind"] = Dictionary(uniqueKeysWithValues: metrics.failuresByKind.map { ($0.key.rawValue, $0.value) })
        result["bench_length_mismatches"] = metrics.lengthMismatches
        result["bench_prompt_length_mismatches"] = promptLengthMismatches
        result["bench_usage_counted"] = metrics.usageCounted
        result["bench_interactivity"] = metrics.interactivity.map { $0 as Any } ?? NSNull()
        result["bench_median_request_interactivity"] = metrics.medianRequestInteractivity.map { $0 as Any } ?? NSNull()
        result["bench_steady_state"] =
            metrics.steadyState.map {
                ["duration": Double($0.end - $0.start) / 1e9, "output_throughput": $0.outputThroughput] as [String: Any]
            } ?? NSNull()
        let extra: [(String, Distribution?)] = [
            ("queue_wait", queueWait),
            ("send_latency", sendLatency), ("receive_lag", receiveLag),
        ]
        for (name, distribution) in extra {
            result["bench_\(name)"] =
                distribution.map { Dictionary(uniqueKeysWithValues: Self.statistics($0).map { ($0.0, $0.1 as Any) }) } ?? NSNull()
        }
        return try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys, .prettyPrinted])
    }

    /// vLLM's statistic names (its percentile keys are p<percent>), seconds.
    static func statistics(_ distribution: Distribution?) -> [(String, Double?)] {
        [
            ("mean", distribution?.mean), ("median", distribution?.median), ("std", distribution?.std),
            ("p90", distribution?.p90), ("p99", distribution?.p99), ("p99.9", distribution?.p999),
        ]
    }
}
