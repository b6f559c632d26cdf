import LoadGen
import Metrics
import SimEngine

/// One agentic-coding point on the simulator's virtual clock: InferenceX's replay procedure
/// (ReplaySchedule) against the simulated engine with its prefix cache (and DRAM tier), measured as
/// a perfect client would have measured it, the engine's counters read straight from the core.
enum VirtualAgenticReplay {
    struct Outcome {
        var records: [RequestRecord]
        var metrics: PointMetrics
        var agentic: AgenticMeasurement
    }

    static func simulate(
        config: SimConfig, traces: [AgenticTrace], lanes: Int, durationSeconds: Int, seed: UInt64, gpus: Int,
        pools: (prefill: Int, decode: Int)?, keepEvents: Bool
    ) throws(SimulationRefusal) -> Outcome {
        let cluster = try VirtualSimulation.cluster(config, seed: seed)
        guard !traces.isEmpty else { throw SimulationRefusal(message: "no traces to replay") }
        let settings = ReplaySettings(lanes: lanes, duration: Int64(durationSeconds) * 1_000_000_000, seed: seed)
        let context = config.maxModelLength
        var driver = VirtualReplayDriver(schedule: ReplaySchedule(traces: traces, settings: settings)) { request in
            if request.promptTokens + request.maxTokens > context {
                return "This model's maximum context length is \(context) tokens; the request has \(request.promptTokens) prompt and \(request.maxTokens) output tokens"
            }
            return cluster.rejection(promptTokens: request.promptTokens, outputTokens: request.maxTokens)
        }
        var clock = VirtualClock(cluster: cluster)
        let first = driver.start(at: 0)
        var run = clock.runReactive(first, driver: &driver)

        let warmups = Set(driver.sent.filter(\.value.isWarmup).keys)
        run.timelines.removeAll { warmups.contains($0.id) }
        let overflows = driver.refused.filter { !$0.request.isWarmup }
        var records = run.records(keepEvents: keepEvents)
        records += overflows.map { refused in
            RequestRecord(
                index: refused.request.id, start: refused.time, end: refused.time, promptTokens: refused.request.promptTokens,
                requestedOutputTokens: refused.request.maxTokens, events: [], error: RequestError(.http, "400: \(refused.reason)"))
        }
        records.sort { $0.start < $1.start || ($0.start == $1.start && $0.index < $1.index) }
        var metrics = run.pointMetrics(concurrency: lanes, gpus: gpus, pools: pools)
        metrics.failed += overflows.count
        metrics.failuresByKind[.http, default: 0] += overflows.count

        let profiled = driver.sent.values.filter { !$0.isWarmup }
        let cached = records.filter(\.succeeded).reduce(0) { $0 + (driver.sent[$1.index]?.theoreticalCachedTokens ?? 0) }
        let agenticMetrics = AgenticMetrics(records: records, theoreticalCachedTokens: cached)
        let server = driver.baseline.flatMap { baseline in
            driver.latest.map { ServerCacheSummary.simulated(from: baseline, to: $0, kvUsagePeak: driver.kvUsagePeak) }
        }
        let traceCount = Set(profiled.map(\.trace)).count
        return Outcome(
            records: records, metrics: metrics,
            agentic: AgenticMeasurement(
                metrics: agenticMetrics, server: server, contextOverflows: overflows.count, warmupRequests: warmups.count,
                tracesStarted: traceCount))
    }
}
