import Foundation
import NIOCore
import SimEngine

/// What every connection of one server shares: options, the engine, the drain flag, and the
/// seeded per-request draws. Confined to the engine's event loop.
final class SimServerState {
    let options: ServerOptions
    let engine: RealTimeEngine
    let servedModels: [String]
    var draining = false
    /// Connections open now, against `options.maxConnections`.
    var connections = 0

    init(options: ServerOptions, engine: RealTimeEngine) {
        self.options = options
        self.engine = engine
        let config = engine.cluster.config
        servedModels = options.servedModelNames.isEmpty ? (config.model.hfIDs.prefix(1) + [config.model.name]) : options.servedModelNames
    }

    var cluster: SimCluster { engine.cluster }

    struct Draw {
        var fail: Bool
        var faults: StreamSink.Faults
        var eosUnit: Double
    }

    /// The faults and EOS point of the n-th request received, from the seed alone.
    func draws(for count: Int) -> Draw {
        let seed = options.seed, key = UInt64(count), faults = options.faults
        func unit(_ stream: UInt64) -> Double { SeededRandom.unit(seed, key, stream) }
        var sink = StreamSink.Faults()
        sink.disconnect = unit(11) < faults.disconnectRate
        sink.malformed = unit(12) < faults.malformedRate
        if faults.stallMilliseconds > 0 && unit(13) < faults.stallRate {
            sink.stall = .milliseconds(Int64(faults.stallMilliseconds))
        }
        return Draw(fail: unit(10) < faults.failRate, faults: sink, eosUnit: unit(14))
    }

    /// `max_tokens` with `ignore_eos`; otherwise a seeded geometric EOS point (mean
    /// `meanEOSTokens`), kept within [min_tokens, max_tokens].
    func outputTokens(for request: CompletionRequest, draw: Draw) -> Int {
        guard !request.ignoreEOS else { return request.maxTokens }
        let stop = 1 / max(1, options.meanEOSTokens)
        let length = 1 + Int((log(1 - draw.eosUnit) / log(1 - stop)).rounded(.down))
        return min(request.maxTokens, max(max(1, request.minTokens), length))
    }

    func modelsJSON() -> String {
        var buffer = ByteBufferAllocator().buffer(capacity: 256)
        buffer.writeStaticString("{\"object\":\"list\",\"data\":[")
        for (index, name) in servedModels.enumerated() {
            if index > 0 { buffer.writeStaticString(",") }
            buffer.writeStaticString("{\"id\":")
            ResponseBodies.writeJSONString(name, into: &buffer)
            buffer.writeString(
                ",\"object\":\"model\",\"created\":0,\"owned_by\":\"bench-serve-sim\",\"max_model_len\":\(cluster.config.maxModelLength)}")
        }
        buffer.writeStaticString("]}")
        return String(buffer: buffer)
    }

    /// Prometheus text, with vLLM's metric names where one exists so existing scrapers read it.
    func prometheusText() -> String {
        let stats = cluster.statistics
        let label = "{model_name=\"\(servedModels[0].replacingOccurrences(of: "\"", with: ""))\"}"
        var lines: [String] = []
        func metric(_ name: String, _ type: String, _ help: String, _ value: String) {
            lines += ["# HELP \(name) \(help)", "# TYPE \(name) \(type)", "\(name)\(label) \(value)"]
        }
        metric("vllm:num_requests_running", "gauge", "Requests in the running batch.", String(stats.running))
        metric("vllm:num_requests_waiting", "gauge", "Requests queued for admission (KV cache or batch full).", String(stats.waiting))
        metric("vllm:kv_cache_usage_perc", "gauge", "Share of the KV cache reserved, 0 to 1.", String(stats.kvUsage))
        metric("vllm:prompt_tokens_total", "counter", "Prompt tokens received.", String(stats.promptTokens))
        metric("vllm:generation_tokens_total", "counter", "Tokens generated.", String(stats.generationTokens))
        metric("bench_sim_requests_received_total", "counter", "Completion requests received.", String(engine.requestsReceived))
        metric("bench_sim_kv_cache_capacity_tokens", "gauge", "KV cache size in tokens.", String(stats.kvCapacityTokens))
        if cluster.config.prefixCache {
            lines += PrefixCacheMetrics.lines(stats, offload: cluster.config.kvOffload != nil, modelLabel: label.dropFirst().dropLast())
        }
        let stepCounts = stats.stepBucketCounts.reduce(into: [Int]()) { $0.append(($0.last ?? 0) + $1) }
        lines += histogram(
            "bench_sim_step_seconds", "Scheduled duration of each scheduler step.", label,
            bounds: SimStatistics.stepBuckets, cumulative: stepCounts, sum: stats.stepSecondsSum)
        lines += histogram(
            "bench_sim_emit_lag_seconds", "Actual minus scheduled write time of each token event.", label,
            bounds: EmitLag.prometheusBounds, cumulative: engine.lag.cumulativeCounts(), sum: engine.lag.sumSeconds)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `cumulative` holds one count per bound, then the total.
    private func histogram(_ name: String, _ help: String, _ label: String, bounds: [Double], cumulative: [Int], sum: Double) -> [String] {
        var lines = ["# HELP \(name) \(help)", "# TYPE \(name) histogram"]
        let inner = label.dropFirst().dropLast()
        for (bound, count) in zip(bounds, cumulative) {
            lines.append("\(name)_bucket{\(inner),le=\"\(bound)\"} \(count)")
        }
        let total = cumulative[bounds.count]
        lines += ["\(name)_bucket{\(inner),le=\"+Inf\"} \(total)", "\(name)_sum\(label) \(sum)", "\(name)_count\(label) \(total)"]
        return lines
    }
}
