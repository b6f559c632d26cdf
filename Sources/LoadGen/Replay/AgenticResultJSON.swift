import Foundation
import Metrics

/// `bench load --traces --save-result`: the `request_metrics` block of InferenceX's agentic aggregate
/// (`utils/agentic/aggregation/process_agentic_result.py`): latencies in seconds, each with mean,
/// p50, p75, p90, p95 and std; qps; tokens; throughput overall and per GPU; the theoretical hit rate.
/// bench's own counts sit beside it under `bench_`.
extension TraceReplayOutcome {
    public func agenticResultJSON(lanes: Int, gpus: Int?) throws -> Data {
        let metrics = agenticMetrics
        func stats(_ s: TailStatistics?) -> Any {
            guard let s else { return [String: Any]() }
            return ["mean": s.mean, "p50": s.p50, "p75": s.p75, "p90": s.p90, "p95": s.p95, "std": s.std]
        }
        var qps: [String: Any] = ["window_seconds": 1.0]
        if let windows = metrics.qps {
            (stats(windows) as? [String: Any] ?? [:]).forEach { qps[$0.key] = $0.value }
        } else if let mean = metrics.meanQPS {
            qps["mean"] = mean
        }
        var throughput: [String: Any] = [
            "input": ["tokens_per_second": metrics.inputThroughput], "output": ["tokens_per_second": metrics.outputThroughput],
            "total": ["tokens_per_second": metrics.totalThroughput], "duration_seconds": metrics.durationSeconds,
        ]
        if let gpus, gpus > 0 {
            throughput["per_gpu"] = [
                "total_tput_tps": metrics.totalThroughput / Double(gpus), "output_tput_tps": metrics.outputThroughput / Double(gpus),
                "input_tput_tps": metrics.inputThroughput / Double(gpus),
            ]
        }
        let result: [String: Any] = [
            "scenario_type": "agentic-coding", "conc": lanes, "num_requests_total": requests.count,
            "num_requests_successful": metrics.requests,
            "request_metrics": [
                "qps": qps,
                "latency": [
                    "ttft": stats(metrics.ttft), "e2el": stats(metrics.e2el), "itl": stats(metrics.itl), "tpot": stats(metrics.itl),
                    "intvty": stats(metrics.interactivity), "e2e_norm_intvty": stats(metrics.e2eNormalizedInteractivity),
                ],
                "tokens": ["input_total": metrics.inputTokens, "output_total": metrics.outputTokens],
                "throughput": throughput,
                "cache": ["theoretical_cache_hit_rate": metrics.theoreticalCacheHitRate.map { $0 as Any } ?? NSNull()],
            ],
            "bench_context_overflows": contextOverflows, "bench_warmup_requests": warmups, "bench_peak_in_flight": peakInFlight,
        ]
        return try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys, .prettyPrinted])
    }
}
