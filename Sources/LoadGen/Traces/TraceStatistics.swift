import Foundation
import Metrics

/// The distributions docs/agentic.md compares with the published corpora, for any trace file.
public struct TraceStatistics: Sendable {
    public var traces: Int
    public var mainTurnsPerTrace: [Double] = []
    public var subagentsPerTrace: [Double] = []
    public var requestsPerSubagent: [Double] = []
    /// Every request's `in` (main and subagent), and `out`.
    public var inputTokens: [Double] = []
    public var outputTokens: [Double] = []
    /// Main turn k's `in` minus turn k−1's.
    public var mainInputGrowth: [Double] = []
    /// Recorded end-to-start gaps before main turns (seconds).
    public var mainThinkTimes: [Double] = []
    public var theoreticalHitRate: Double?
    /// Requests with `in + out` above 256,000 tokens, over all requests.
    public var over256kShare: Double
    public var maxInputTokens: Int

    public init(_ traces: [AgenticTrace]) {
        self.traces = traces.count
        var over = 0, requests = 0, maxInput = 0
        for trace in traces {
            let main = trace.mainTurns, subagents = trace.subagents
            mainTurnsPerTrace.append(Double(main.count))
            subagentsPerTrace.append(Double(subagents.count))
            requestsPerSubagent += subagents.map { Double($0.requests.count) }
            for (index, turn) in main.enumerated() where index > 0 {
                mainInputGrowth.append(Double(turn.inputTokens - main[index - 1].inputTokens))
                mainThinkTimes.append(turn.thinkTime ?? max(0, turn.t - main[index - 1].end))
            }
            for request in main + subagents.flatMap(\.requests) {
                inputTokens.append(Double(request.inputTokens))
                outputTokens.append(Double(request.outputTokens))
                if request.inputTokens + request.outputTokens > SyntheticTraces.contextCap256k { over += 1 }
                maxInput = max(maxInput, request.inputTokens)
                requests += 1
            }
        }
        theoreticalHitRate = TheoreticalPrefixCache.rate(traces)
        over256kShare = requests > 0 ? Double(over) / Double(requests) : 0
        maxInputTokens = maxInput
    }

    public var summaryText: String {
        func row(_ label: String, _ values: [Double], _ digits: Int = 1) -> String {
            let name = label.padding(toLength: 34, withPad: " ", startingAt: 0)
            guard let distribution = Distribution(values) else { return name + "n/a" }
            func number(_ value: Double?) -> String { value.map { String(format: "%.\(digits)f", $0) } ?? "n/a" }
            return name + "mean \(number(distribution.mean))  p50 \(number(distribution.median))  p90 \(number(distribution.p90))  "
                + "max \(number(values.max()))  (n \(values.count))"
        }
        let total = inputTokens.count
        return [
            "traces                            \(traces)",
            "requests                          \(total) (main \(Int(mainTurnsPerTrace.reduce(0, +))), subagent \(Int(requestsPerSubagent.reduce(0, +))))",
            row("main turns per trace", mainTurnsPerTrace),
            row("subagent groups per trace", subagentsPerTrace, 2),
            row("requests per subagent group", requestsPerSubagent),
            row("input tokens per request", inputTokens, 0),
            row("main-turn input growth (tokens)", mainInputGrowth, 0),
            row("output tokens per request", outputTokens, 0),
            row("main-turn think time (s)", mainThinkTimes, 2),
            "theoretical prefix hit rate       " + (theoreticalHitRate.map { String(format: "%.1f %%", $0 * 100) } ?? "n/a"),
            "requests over 256k (in + out)     " + String(format: "%.1f %%", over256kShare * 100),
            "largest input                     \(maxInputTokens)",
        ].joined(separator: "\n")
    }
}
