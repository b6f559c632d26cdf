import Foundation
import Metrics

/// The two tools that nest each metric as an object: AIPerf's `profile_export_aiperf.json`
/// (`time_to_first_token: {unit, avg, p50, p90, p99, std, …}`, settings under `input_config`) and
/// guidellm's report (`benchmarks[].metrics.<metric>.successful: {mean, median, std_dev,
/// percentiles: {p90, p99, p999}}`, one result per benchmark). Their TPOT is AIPerf's
/// `inter_token_latency` and guidellm's `inter_token_latency_ms`; their per-chunk ITL is AIPerf's
/// `inter_chunk_latency` (guidellm reports none).
enum NestedResultReader {
    static func detect(_ object: ResultObject) -> ResultFormat? {
        if object.has("aiperf_version") || object.object("time_to_first_token")?.has("unit") == true { return .aiperf }
        if object.object("metadata")?.has("guidellm_version") == true
            || (object.fields["benchmarks"] as? [[String: Any]])?
                .first.map({ ResultObject(fields: $0).object("metrics")?.has("time_to_first_token_ms") == true }) == true
        {
            return .guidellm
        }
        return nil
    }

    static func read(_ object: ResultObject, format: ResultFormat) -> [ReportedResult] {
        switch format {
        case .aiperf: return [aiperf(object)]
        default:
            let benchmarks = (object.fields["benchmarks"] as? [[String: Any]] ?? []).map(ResultObject.init)
            let spec = object.object("config")?.object("spec")
            return benchmarks.map { guidellm($0, spec: spec) }
        }
    }

    // MARK: AIPerf

    private static func aiperf(_ file: ResultObject) -> ReportedResult {
        var result = ReportedResult(format: .aiperf)
        func scalar(_ tag: String) -> Double? { file.object(tag)?.number("avg") }
        result.completed = scalar("request_count").flatMap(ResultObject.whole) ?? 0
        result.failed = scalar("error_request_count").flatMap(ResultObject.whole) ?? 0
        result.durationSeconds =
            file.object("benchmark_duration").flatMap { metric in
                metric.number("avg").map { $0 * seconds(per: metric.text("unit") ?? "sec") }
            } ?? 0
        result.inputTokens = scalar("total_isl").flatMap(ResultObject.whole) ?? 0
        result.outputTokens = (scalar("total_osl") ?? scalar("total_output_tokens")).flatMap(ResultObject.whole) ?? 0
        result.requestThroughput = scalar("request_throughput") ?? 0
        result.setThroughputs(statedInput: scalar("input_token_throughput"), statedOutput: scalar("output_token_throughput"))
        func distribution(_ tag: String) -> Distribution? {
            guard let metric = file.object(tag), let median = metric.number("p50") else { return nil }
            let scale = seconds(per: metric.text("unit") ?? "ms")
            return Distribution(
                count: metric.whole("count") ?? result.completed, mean: metric.number("avg").map { $0 * scale },
                median: median * scale, std: metric.number("std").map { $0 * scale },
                p90: metric.number("p90").map { $0 * scale }, p99: metric.number("p99").map { $0 * scale },
                p999: metric.number("p99.9").map { $0 * scale })
        }
        result.ttft = distribution("time_to_first_token")
        result.tpot = distribution("inter_token_latency")
        result.itl = distribution("inter_chunk_latency")
        result.e2el = distribution("request_latency")

        var settings = IngestSettings()
        let config = file.object("input_config")
        let models = config?.object("models")?.fields["items"] as? [[String: Any]]
        settings.model =
            models?.first.flatMap { ResultObject(fields: $0).text("name") }
            ?? (config?.object("endpoint")?.fields["model_names"] as? [String])?.first
        let phases = (config?.fields["phases"] as? [[String: Any]] ?? []).map(ResultObject.init)
        settings.concurrency =
            phases.first { $0.text("kind") == "profiling" }?.whole("concurrency")
            ?? config?.object("loadgen")?.whole("concurrency")
        let prompts = (config?.fields["datasets"] as? [[String: Any]])?.first.flatMap { ResultObject(fields: $0).object("prompts") }
        settings.isl = prompts?.object("isl")?.whole("mean") ?? config?.object("input")?.object("prompt")?.object("input_tokens")?.whole("mean")
        settings.osl = prompts?.object("osl")?.whole("mean") ?? config?.object("input")?.object("prompt")?.object("output_tokens")?.whole("mean")
        result.settings = settings
        return result
    }

    /// Seconds per one of AIPerf's display units.
    private static func seconds(per unit: String) -> Double {
        switch unit.lowercased() {
        case "ns": return 1e-9
        case "us", "µs": return 1e-6
        case "ms": return 1e-3
        default: return 1
        }
    }

    // MARK: guidellm

    private static func guidellm(_ benchmark: ResultObject, spec: ResultObject?) -> ReportedResult {
        var result = ReportedResult(format: .guidellm)
        let metrics = benchmark.object("metrics")
        func successful(_ key: String) -> ResultObject? { metrics?.object(key)?.object("successful") }
        let totals = metrics?.object("request_totals")
        result.completed = totals?.whole("successful") ?? 0
        result.failed = totals?.whole("errored") ?? 0
        result.durationSeconds = benchmark.number("duration") ?? 0
        result.inputTokens = successful("prompt_token_count")?.number("total_sum").flatMap(ResultObject.whole) ?? 0
        result.outputTokens = successful("output_token_count")?.number("total_sum").flatMap(ResultObject.whole) ?? 0
        result.requestThroughput = successful("requests_per_second")?.number("mean") ?? 0
        result.setThroughputs(
            statedInput: successful("prompt_tokens_per_second")?.number("mean"),
            statedOutput: successful("output_tokens_per_second")?.number("mean"))
        func distribution(_ key: String, scale: Double) -> Distribution? {
            guard let summary = successful(key), (summary.whole("count") ?? 0) > 0, let median = summary.number("median") else { return nil }
            let percentiles = summary.object("percentiles")
            return Distribution(
                count: summary.whole("count") ?? 0, mean: summary.number("mean").map { $0 * scale }, median: median * scale,
                std: summary.number("std_dev").map { $0 * scale }, p90: percentiles?.number("p90").map { $0 * scale },
                p99: percentiles?.number("p99").map { $0 * scale }, p999: percentiles?.number("p999").map { $0 * scale })
        }
        result.ttft = distribution("time_to_first_token_ms", scale: 1e-3)
        result.tpot = distribution("inter_token_latency_ms", scale: 1e-3)
        result.e2el = distribution("request_latency", scale: 1)

        var settings = IngestSettings()
        let config = benchmark.object("config")
        let strategy = config?.object("strategy")
        settings.concurrency = strategy?.whole("streams") ?? strategy?.whole("max_concurrency")
        settings.model = config?.object("backend")?.text("model") ?? spec?.object("backend")?.text("model")
        let data = (spec?.fields["data"] as? [[String: Any]])?.first.map(ResultObject.init)
        settings.isl = data?.whole("prompt_tokens")
        settings.osl = data?.whole("output_tokens")
        result.settings = settings
        return result
    }
}
