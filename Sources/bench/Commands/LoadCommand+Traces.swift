import ArgumentParser
import Foundation
import LoadGen
import Metrics

/// `bench load --traces FILE`: replay agentic Weka traces (docs/agentic.md).
extension LoadCommand {
    func validateTraces() throws {
        guard let concurrency, concurrency >= 1 else { throw ValidationError("--traces needs --concurrency N (lanes, at least 1)") }
        guard concurrency <= 100_000 else { throw ValidationError("--concurrency \(concurrency) is more lanes than bench replays (100000)") }
        guard let duration, (DurationText.seconds(duration) ?? 0) > 0 else {
            throw ValidationError("--traces needs --duration, a positive duration like 300s or 1h")
        }
        guard isl == nil, osl == nil, numPrompts == nil else { throw ValidationError("--traces sets the lengths and count; drop --isl, --osl and --num-prompts") }
        guard endpoint == .completions else { throw ValidationError("--traces replays token-id prompts on the completions endpoint") }
        guard requestRate.lowercased() == "inf" else { throw ValidationError("--traces paces requests by the traces; drop --request-rate") }
        guard (0...10_000).contains(warmupRequestsPerLane) else { throw ValidationError("--warmup-requests-per-lane must be in 0…10000") }
        guard (DurationText.seconds(timeout) ?? 0) > 0 else { throw ValidationError("--timeout \(timeout) is not a positive duration like 600s") }
        guard DurationText.seconds(grace) != nil else { throw ValidationError("--grace \(grace) is not a duration like 5s") }
        if let gpus, gpus < 1 { throw ValidationError("--gpus must be at least 1") }
        guard (0...1).contains(maxFailureRate ?? 0) else { throw ValidationError("--max-failure-rate must be in [0, 1]") }
    }

    func replay(_ path: String) async throws {
        let lanes = concurrency ?? 1, maxFailureRate = maxFailureRate ?? 0.10
        let traces: [AgenticTrace]
        do {
            traces = try AgenticTraceFile.read(URL(fileURLWithPath: path))
        } catch {
            throw ValidationError("--traces \(error)")
        }
        let settings: TraceReplaySettings
        do {
            settings = TraceReplaySettings(
                target: try LoadTarget(url: url, endpoint: .completions), model: model, traces: traces,
                replay: ReplaySettings(
                    lanes: lanes, duration: CheckedNumbers.nanoseconds(DurationText.seconds(duration ?? "") ?? 0), seed: seed ?? 42,
                    warmupOneTokenRequests: warmupRequestsPerLane),
                timeoutSeconds: DurationText.seconds(timeout) ?? 600, vocabularySize: vocabSize, apiKey: try APIKeyEnvironment.read(apiKeyEnv))
        } catch let error as LoadError {
            throw ValidationError(error.description)
        }
        try FileDescriptors.raiseLimit(toAtLeast: 4 * lanes + 256)
        let run = try TraceReplayRun(settings: settings)
        let graceSeconds = DurationText.seconds(grace) ?? 5
        TerminationSignals.onFirst {
            Console.error("\nbench load: stopping; waiting up to \(grace) for in-flight requests")
            run.stop(graceSeconds: graceSeconds)
        }
        Console.error("bench load: replaying \(traces.count) traces on \(lanes) lanes for \(duration ?? "")")
        let outcome = try await run.run()
        let resultJSON = try outcome.agenticResultJSON(lanes: lanes, gpus: gpus)
        Console.line(json ? String(decoding: resultJSON, as: UTF8.self) : outcome.summaryText(lanes: lanes, gpus: gpus))
        if let saveResult { try write(resultJSON, to: saveResult, what: "--save-result") }
        if let saveRequests { try write(try Self.requestLines(outcome.requests.map(\.measured)), to: saveRequests, what: "--save-requests") }
        if outcome.failedFraction > maxFailureRate {
            Console.error(
                "bench load: \(outcome.requests.count { !$0.measured.record.succeeded }) of \(outcome.requests.count) requests failed "
                    + "(more than --max-failure-rate \(maxFailureRate)); \(outcome.contextOverflows) were context overflows")
            throw ExitCode.partialFailure
        }
    }
}
