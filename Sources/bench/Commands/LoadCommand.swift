import ArgumentParser
import Foundation
import LoadGen

/// `bench load`: drive any OpenAI-compatible server with a streaming workload and measure it.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Send a streaming workload to an OpenAI-compatible server and measure TTFT, TPOT, ITL, E2EL and throughput.",
        discussion: """
            Prompts are token-id arrays for the completions endpoint (exact lengths, no tokenizer) and text sized by \
            bench serve-sim's rule for chat. ISL and OSL are drawn from [⌊R·L⌋, L] with R = --random-range-ratio; \
            output length is forced (ignore_eos, min_tokens). Ctrl-C stops sending, waits --grace for in-flight \
            requests, and still reports and saves what was measured. With --traces FILE it replays agentic Weka traces \
            instead (InferenceX's AgentX procedure, docs/agentic.md): --concurrency lanes for --duration.
            """)

    @Option(help: "Server base URL (http://host:port), or a full endpoint URL.") var url: String
    @Option(help: "Model name sent with each request.") var model: String
    @Option(help: "Input (prompt) tokens per request.") var isl: Int?
    @Option(help: "Output tokens per request.") var osl: Int?
    @Option(help: "Replay this Weka trace JSONL file (agentic coding) instead of a synthetic workload.") var traces: String?
    @Option(help: "With --traces: trajectory lanes replayed at once (InferenceX's conc).") var concurrency: Int?
    @Option(help: "With --traces: one-token warmup requests per lane after its start turn.") var warmupRequestsPerLane = 10
    @Option(help: "Lengths are drawn uniformly from [⌊R·L⌋, L] (InferenceX semantics); 1 = fixed.") var randomRangeRatio = 1.0
    @Option(help: "Most requests in flight at once; omit for no cap.") var maxConcurrency: Int?
    @Option(help: "Measured requests (default: 10 × max concurrency, or 1000).") var numPrompts: Int?
    @Option(help: "Issue requests for this long instead of a fixed count (e.g. 60s, 5m).") var duration: String?
    @Option(help: "Requests per second (open loop), or inf (closed loop at max concurrency).") var requestRate = "inf"
    @Option(help: "Gamma shape of the arrival gaps: 1 = Poisson, < 1 burstier, > 1 steadier.") var burstiness = 1.0
    @Option(help: "Requests sent and discarded before measuring.") var numWarmups = 0
    @Option(help: "completions or chat.") var endpoint = Workload.Endpoint.completions
    @Option(help: "Name of the environment variable holding the API key (sent as a Bearer token, never stored).") var apiKeyEnv: String?
    @Option(help: "Per-request timeout (e.g. 600s).") var timeout = "600s"
    @Option(help: "Seed of the workload and the arrivals: the same seed sends the same requests (default 0; 42 with --traces).") var seed: UInt64?
    @Option(help: "The model's vocabulary size, when below 31000: prompt token ids are drawn below it.") var vocabSize: Int?
    @Option(help: "GPUs behind the server, for per-GPU throughput.") var gpus: Int?
    @Option(help: "The GPU behind the server (catalog name), recorded in --save-result for bench ingest.") var hardware: String?
    @Option(help: "The engine behind the server (sglang, vllm, trt, …), recorded in --save-result.") var framework: String?
    @Option(help: "The served weights' precision (fp8, fp4, bf16), recorded in --save-result.") var precision: String?
    @Option(help: "Write vLLM-compatible result JSON (plus InferenceX and bench keys) to this file.") var saveResult: String?
    @Option(help: "Write one JSON line per measured request (timestamps, events, errors) to this file.") var saveRequests: String?
    @Option(help: "Exit non-zero when more than this fraction of requests fail (default 0.05; 0.10 with --traces).") var maxFailureRate: Double?
    @Option(help: "After Ctrl-C, how long in-flight requests may finish.") var grace = "5s"
    @Option(help: "Event loops (threads) the streams are spread over (default: the cores minus --reserve-cores, at least 1).") var loops: Int?
    @Option(help: "Cores left free when --loops is not given (for a server on this machine).") var reserveCores = 0
    @Flag(help: "Print the result JSON on stdout instead of the table.") var json = false

    func validate() throws {
        if traces != nil { return try validateTraces() }
        guard let isl, let osl, isl >= 1, osl >= 1 else { throw ValidationError("--isl and --osl must be given and at least 1") }
        guard randomRangeRatio >= 0, randomRangeRatio <= 1 else { throw ValidationError("--random-range-ratio must be in [0, 1]") }
        if let maxConcurrency, maxConcurrency < 1 { throw ValidationError("--max-concurrency must be at least 1") }
        if let numPrompts, numPrompts < 1 { throw ValidationError("--num-prompts must be at least 1") }
        if numPrompts != nil, duration != nil { throw ValidationError("give --num-prompts or --duration, not both") }
        if let duration, (DurationText.seconds(duration) ?? 0) <= 0 {
            throw ValidationError("--duration \(duration) is not a positive duration like 60s or 5m")
        }
        guard (DurationText.seconds(timeout) ?? 0) > 0 else { throw ValidationError("--timeout \(timeout) is not a positive duration like 600s") }
        guard DurationText.seconds(grace) != nil else { throw ValidationError("--grace \(grace) is not a duration like 5s") }
        guard burstiness > 0 else { throw ValidationError("--burstiness must be positive") }
        guard numWarmups >= 0 else { throw ValidationError("--num-warmups must be ≥ 0") }
        if let gpus, gpus < 1 { throw ValidationError("--gpus must be at least 1") }
        if let loops, loops < 1 { throw ValidationError("--loops must be at least 1") }
        guard reserveCores >= 0 else { throw ValidationError("--reserve-cores must be ≥ 0") }
        guard (0...1).contains(maxFailureRate ?? 0) else { throw ValidationError("--max-failure-rate must be in [0, 1]") }
        _ = try rate()
    }

    private func rate() throws -> Double? {
        if requestRate.lowercased() == "inf" { return nil }
        guard let value = Double(requestRate), value > 0, value.isFinite else {
            throw ValidationError("--request-rate \(requestRate) must be a positive number of requests per second, or inf")
        }
        return value
    }

    func run() async throws {
        if let traces { return try await replay(traces) }
        guard let isl, let osl else { throw ValidationError("--isl and --osl must be given") }
        let maxFailureRate = maxFailureRate ?? 0.05
        let settings: LoadSettings
        do {
            let length: LoadSettings.Length =
                duration.flatMap(DurationText.seconds).map { .duration($0) }
                ?? .prompts(numPrompts ?? maxConcurrency.map { 10 * $0 } ?? 1000)
            settings = LoadSettings(
                target: try LoadTarget(url: url, endpoint: endpoint),
                workload: Workload(
                    endpoint: endpoint, model: model, inputLength: isl, outputLength: osl, rangeRatio: randomRangeRatio, seed: seed ?? 0,
                    vocabularySize: vocabSize),
                arrivals: Arrivals(rate: try rate(), burstiness: burstiness), maxConcurrency: maxConcurrency, length: length,
                warmups: numWarmups, timeoutSeconds: DurationText.seconds(timeout) ?? 600, apiKey: try APIKeyEnvironment.read(apiKeyEnv),
                loops: loops ?? LoadSettings.defaultLoops(reservingCores: reserveCores))
        } catch let error as LoadError {
            throw ValidationError(error.description)
        }
        try FileDescriptors.raiseLimit(toAtLeast: (maxConcurrency ?? 1024) + 256)
        let run = try LoadRun(settings: settings)
        let graceSeconds = DurationText.seconds(grace) ?? 5
        TerminationSignals.onFirst {
            Console.error("\nbench load: stopping; waiting up to \(grace) for in-flight requests")
            run.stop(graceSeconds: graceSeconds)
        }
        let progress = Task { await Self.showProgress(run) }
        let outcome = try await run.run()
        progress.cancel()
        _ = await progress.result

        let report = LoadReport(settings: settings, outcome: outcome, gpus: gpus)
        let resultJSON = try report.savedResultJSON(labels: LoadReport.Labels(hardware: hardware, framework: framework, precision: precision))
        Console.line(json ? String(decoding: resultJSON, as: UTF8.self) : report.summaryText())
        if let saveResult { try write(resultJSON, to: saveResult, what: "--save-result") }
        if let saveRequests { try write(try Self.requestLines(outcome.requests), to: saveRequests, what: "--save-requests") }
        if report.failedFraction > maxFailureRate {
            Console.error(
                "bench load: \(report.metrics.failed) of \(outcome.requests.count) requests failed (more than --max-failure-rate \(maxFailureRate))")
            throw ExitCode.partialFailure
        }
    }

    /// A redrawn line on a terminal every 0.25 s; a plain line every 10 s otherwise. On stderr.
    private static func showProgress(_ run: LoadRun) async {
        let terminal = isatty(STDERR_FILENO) == 1
        let line = ProgressLine(terminal: terminal)
        let interval: Duration = terminal ? .milliseconds(250) : .seconds(10)
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            guard !Task.isCancelled, let progress = try? await run.progress() else { break }
            if terminal {
                FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line.render(progress)).utf8))
            } else {
                Console.error(line.render(progress))
            }
        }
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }

    static func requestLines(_ requests: [MeasuredRequest]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data = Data()
        for request in requests {
            data.append(try encoder.encode(request))
            data.append(0x0A)
        }
        return data
    }

    func write(_ data: Data, to path: String, what: String) throws {
        do {
            // Written to a temporary name and renamed: a reader never sees half a result file.
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            Console.error("bench load: cannot write \(what) \(path): \(error.localizedDescription); the results are on stdout above")
            throw ExitCode.failure
        }
    }
}

extension Workload.Endpoint: ExpressibleByArgument {}
