import Foundation

/// One scrape of an engine's Prometheus `/metrics`, parsed within `PrometheusLimits`.
public struct ServerMetricsScrape: Sendable, Equatable {
    public var samples: [PrometheusSample]
    /// `# TYPE` by family name.
    public var types: [String: String]
    /// Lines the parser could not read (skipped, not fatal).
    public var skippedLines: Int

    public init(samples: [PrometheusSample], types: [String: String] = [:], skippedLines: Int = 0) {
        self.samples = samples
        self.types = types
        self.skippedLines = skippedLines
    }

    public init(text: String, limits: PrometheusLimits = PrometheusLimits()) throws(PrometheusParseError) {
        let parsed = try PrometheusParser.parse(Array(text.utf8), limits: limits)
        self.init(samples: parsed.samples, types: parsed.types, skippedLines: parsed.skippedLines)
    }

    /// `GET http://host:port/metrics` over a plain socket, parsed; an engine that does not answer
    /// 200 within `timeout` seconds, or answers more than `limits.maxBytes`, is a named failure.
    public static func fetch(
        host: String = "127.0.0.1", port: Int, path: String = "/metrics", timeout: Double = 5, limits: PrometheusLimits = PrometheusLimits()
    ) throws(EngineError) -> ServerMetricsScrape {
        let reply = try LoopbackHTTP.get(host: host, port: port, path: path, timeout: timeout, maxBodyBytes: limits.maxBytes)
        guard reply.status == 200 else {
            throw EngineError("GET \(path) on \(host):\(port) answered HTTP \(reply.status)", fix: "check that the engine exposes Prometheus metrics there")
        }
        do {
            return try ServerMetricsScrape(text: String(decoding: reply.body, as: UTF8.self), limits: limits)
        } catch {
            throw EngineError("\(path) on \(host):\(port): \(error)", fix: "point the scrape at the engine's Prometheus endpoint")
        }
    }

    /// How a sample accumulates: counters (and histogram/summary sums, counts and buckets) only grow
    /// until a restart; everything else is a gauge; `_created` timestamps are neither.
    enum Kind { case counter, gauge, timestamp }

    func kind(of name: String) -> Kind {
        if name.hasSuffix("_created") { return .timestamp }
        if let type = types[name] { return type == "counter" ? .counter : .gauge }
        for suffix in ["_total", "_sum", "_count", "_bucket"] where name.hasSuffix(suffix) {
            let family = String(name.dropLast(suffix.count))
            switch types[family] {
            case "counter", "histogram", "summary", nil: return .counter
            default: return .gauge
            }
        }
        return .gauge
    }
}
