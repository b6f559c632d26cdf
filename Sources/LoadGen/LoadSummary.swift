import Foundation
import Metrics

extension LoadReport {
    /// The end-of-run table, laid out like `vllm bench serve`'s so its readers find their lines.
    public func summaryText() -> String {
        var lines: [String] = []
        func row(_ label: String, _ value: String) { lines.append(label.padding(toLength: 42, withPad: " ", startingAt: 0) + value) }
        func number(_ value: Double?, _ digits: Int = 2) -> String { value.map { String(format: "%.\(digits)f", $0) } ?? "n/a" }
        func section(_ title: String) {
            let side = max(0, (50 - title.count - 2) / 2)
            lines.append(String(repeating: "-", count: side) + " " + title + " " + String(repeating: "-", count: max(0, 50 - side - title.count - 2)))
        }
        lines.append("============ Serving Benchmark Result ============")
        row("Successful requests:", "\(metrics.completed)")
        row(
            "Failed requests:",
            metrics.failed == 0
                ? "0"
                : "\(metrics.failed) ("
                    + metrics.failuresByKind.sorted { $0.key.rawValue < $1.key.rawValue }
                    .map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ") + ")")
        if outcome.interrupted > 0 { row("Interrupted (not counted):", "\(outcome.interrupted)") }
        if outcome.unsent > 0 { row("Arrivals never sent (queued at the end):", "\(outcome.unsent)") }
        if outcome.warmupFailures > 0 { row("Failed warmup requests:", "\(outcome.warmupFailures)") }
        row("Maximum request concurrency:", settings.maxConcurrency.map(String.init) ?? "none")
        row("Request rate (req/s):", settings.arrivals.rate.map { number($0) } ?? "inf")
        row("Benchmark duration (s):", number(metrics.durationSeconds))
        row("Total input tokens:", "\(metrics.inputTokens)")
        row("Total generated tokens:", "\(metrics.outputTokens)")
        row("Request throughput (req/s):", number(metrics.requestThroughput))
        row("Output token throughput (tok/s):", number(metrics.outputThroughput))
        row("Total token throughput (tok/s):", number(metrics.totalThroughput))
        if let perGPU = metrics.totalThroughputPerGPU, let gpus = metrics.gpus {
            row("Total tok/s per GPU (\(gpus) GPUs):", number(perGPU))
            row("Output tok/s per GPU:", number(metrics.outputThroughputPerGPU))
        }
        row("Interactivity (tok/s/user):", number(metrics.interactivity))
        if metrics.lengthMismatches > 0 { row("Output length ≠ requested:", "\(metrics.lengthMismatches) requests") }
        if promptLengthMismatches > 0 { row("Server prompt count ≠ intended:", "\(promptLengthMismatches) requests") }
        if metrics.usageCounted < metrics.completed {
            row("N counted from events (no usage):", "\(metrics.completed - metrics.usageCounted) requests")
        }
        let latencies: [(String, String, Distribution?)] = [
            ("Time to First Token", "TTFT", metrics.ttft), ("Time per Output Token (excl. 1st token)", "TPOT", metrics.tpot),
            ("Inter-token Latency", "ITL", metrics.itl),
            ("Inter-token Latency per Token (bench)", "ITL/token", metrics.itlPerToken),
            ("End-to-end Latency", "E2EL", metrics.e2el),
        ]
        for (title, name, distribution) in latencies {
            section(title)
            for (stat, value) in Self.statistics(distribution) {
                row("\(stat == "p99.9" ? "P99.9" : stat.prefix(1).uppercased() + stat.dropFirst()) \(name) (ms):", number(value.map { $0 * 1000 }))
            }
        }
        if let lag = receiveLag {
            section("Client receive lag (server emit → arrival)")
            row("Median / P99 (ms):", "\(number(lag.median * 1000, 3)) / \(number(lag.p99.map { $0 * 1000 }, 3))")
        }
        lines.append(String(repeating: "=", count: 50))
        return lines.joined(separator: "\n")
    }
}

/// Renders progress: a redrawn bar on a terminal, plain lines otherwise.
public struct ProgressLine: Sendable {
    public let terminal: Bool

    public init(terminal: Bool) {
        self.terminal = terminal
    }

    public func render(_ progress: LoadProgress) -> String {
        if progress.warmingUp { return "warming up: \(progress.finished) done, \(progress.inFlight) in flight" }
        let rate = progress.elapsedSeconds > 0 ? Double(progress.outputTokens) / progress.elapsedSeconds : 0
        var parts = [
            "\(progress.finished)\(progress.total.map { "/\($0)" } ?? "") requests", "\(progress.inFlight) in flight",
            String(format: "%.0f output tok/s", rate), "\(progress.failed) failed",
        ]
        var bar = ""
        if let total = progress.total, total > 0 {
            let done = Double(progress.finished) / Double(total)
            if terminal {
                let filled = Int(done * 30)
                bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled) + "] "
            }
            if progress.finished > 0, done < 1 {
                let left = Int((progress.elapsedSeconds / done - progress.elapsedSeconds).rounded())
                parts.append(String(format: "ETA %d:%02d", left / 60, left % 60))
            }
        }
        return bar + parts.joined(separator: " · ")
    }
}
