import Foundation
import Metrics

extension TraceReplayOutcome {
    /// The profiled requests' metrics (warmups left out).
    public func metrics(lanes: Int, gpus: Int?) -> PointMetrics {
        PointMetrics(records: requests.map(\.measured.record), concurrency: lanes, gpus: gpus)
    }

    /// InferenceX's agentic statistics of the profiled requests, the theoretical hit rate over the successful ones.
    public var agenticMetrics: AgenticMetrics {
        let cached = requests.reduce(0) { $0 + ($1.measured.record.succeeded ? $1.theoreticalCachedTokens : 0) }
        return AgenticMetrics(records: requests.map(\.measured.record), theoreticalCachedTokens: cached)
    }

    public var failedFraction: Double {
        requests.isEmpty ? 0 : Double(requests.count { !$0.measured.record.succeeded }) / Double(requests.count)
    }

    /// The end-of-run table (stdout).
    public func summaryText(lanes: Int, gpus: Int?) -> String {
        let metrics = metrics(lanes: lanes, gpus: gpus)
        var lines = ["============ Agentic Trace Replay Result ============"]
        func row(_ label: String, _ value: String) { lines.append(label.padding(toLength: 42, withPad: " ", startingAt: 0) + value) }
        func number(_ value: Double?, _ digits: Int = 2) -> String { value.map { String(format: "%.\(digits)f", $0) } ?? "n/a" }
        row("Lanes (concurrency):", "\(lanes)")
        row("Peak requests in flight:", "\(peakInFlight)")
        row("Successful requests:", "\(metrics.completed)")
        row("Failed requests:", "\(metrics.failed)")
        row("Context overflows (of the failed):", "\(contextOverflows)")
        row("Warmup requests (not counted):", "\(warmups)\(warmupFailures > 0 ? " (\(warmupFailures) failed)" : "")")
        if interrupted > 0 { row("Interrupted (not counted):", "\(interrupted)") }
        row("Profiling duration (s):", number(metrics.durationSeconds))
        row("Total input tokens:", "\(metrics.inputTokens)")
        row("Total generated tokens:", "\(metrics.outputTokens)")
        row("Theoretical prefix hit rate:", number(theoreticalHitRate.map { $0 * 100 }, 1) + " %")
        row("Request throughput (req/s):", number(metrics.requestThroughput))
        row("Output token throughput (tok/s):", number(metrics.outputThroughput))
        row("Total token throughput (tok/s):", number(metrics.totalThroughput))
        if let perGPU = metrics.totalThroughputPerGPU { row("Total tok/s per GPU:", number(perGPU)) }
        row("Median TTFT (ms):", number(metrics.ttft.map { $0.median * 1000 }))
        row("P90 TTFT (ms):", number(metrics.ttft?.p90.map { $0 * 1000 }))
        row("Median TPOT (ms):", number(metrics.tpot.map { $0.median * 1000 }))
        row("Median E2EL (ms):", number(metrics.e2el.map { $0.median * 1000 }))
        // InferenceX's agentic statistics (its aggregate's request_metrics).
        let agentic = agenticMetrics
        row("P90 E2E-normalised interactivity (tok/s):", number(agentic.e2eNormalizedInteractivity?.p90))
        row("P75 E2E-normalised interactivity (tok/s):", number(agentic.e2eNormalizedInteractivity?.p75))
        row("P90 interactivity (tok/s, 1 / p90 ITL):", number(agentic.interactivity?.p90))
        row("QPS (mean of 1 s windows):", number(agentic.meanQPS))
        lines.append(String(repeating: "=", count: 50))
        return lines.joined(separator: "\n")
    }
}
