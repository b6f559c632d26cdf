import Foundation
import LoadGen
import Metrics

/// One agentic-coding point against a served engine over HTTP: the trace replay (`TraceReplayRun`),
/// with the engine's `/metrics` read when profiling begins and when it ends.
enum LiveAgenticReplay {
    struct Outcome {
        var records: [RequestRecord]
        var agentic: AgenticMeasurement?
        var failed: String?
    }

    /// `watch` is polled while the replay runs (progress, stop requests); it returns true to stop.
    static func run(
        baseURL: URL, model: String, framework: String, traces: [AgenticTrace], lanes: Int, durationSeconds: Int, seed: UInt64,
        settings: SweepSettings, watch: @escaping @Sendable (_ finished: Int) async -> Bool
    ) async -> Outcome {
        let replay: TraceReplayRun
        do {
            replay = try TraceReplayRun(
                settings: TraceReplaySettings(
                    target: try LoadTarget(url: baseURL.absoluteString, endpoint: .completions), model: model, traces: traces,
                    replay: ReplaySettings(lanes: lanes, duration: Int64(durationSeconds) * 1_000_000_000, seed: seed),
                    timeoutSeconds: settings.requestTimeoutSeconds, vocabularySize: settings.vocabularySize,
                    apiKey: ProcessInfo.processInfo.environment[settings.apiKeyVariable ?? "BENCH_API_KEY"]))
        } catch {
            return Outcome(records: [], failed: "cannot start the trace replay: \(error)")
        }
        let scrape = ServerMetricsWatch(
            host: baseURL.host ?? "127.0.0.1", port: baseURL.port ?? (baseURL.scheme == "https" ? 443 : 80), framework: framework)
        let watcher = Task {
            var stopping = false
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
                guard let progress = try? await replay.progress() else { continue }
                if progress.profiling { await scrape.profilingRunning() }
                if !stopping, await watch(progress.finished) {
                    stopping = true
                    replay.stop()
                }
            }
        }
        let outcome = try? await replay.run()
        watcher.cancel()
        guard let outcome else { return Outcome(records: [], failed: "the trace replay failed to run") }
        let server = await scrape.finish()
        return Outcome(
            records: outcome.requests.map(\.measured.record),
            agentic: AgenticMeasurement(
                metrics: outcome.agenticMetrics, server: server, contextOverflows: outcome.contextOverflows, warmupRequests: outcome.warmups,
                tracesStarted: Set(outcome.requests.map(\.trace)).count))
    }
}
