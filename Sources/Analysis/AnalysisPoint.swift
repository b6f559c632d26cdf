import Foundation

/// What identifies a frontier: one line on the dashboard.
public struct SeriesKey: Sendable, Hashable, Codable, Comparable {
    public var model: String
    public var precision: String
    public var isl: Int
    public var osl: Int
    public var hardware: String
    public var framework: String
    public var specDecoding: String
    public var disaggregated: Bool
    public var run: Int64

    public init(
        model: String, precision: String, isl: Int, osl: Int, hardware: String, framework: String, specDecoding: String,
        disaggregated: Bool, run: Int64
    ) {
        self.model = model
        self.precision = precision
        self.isl = isl
        self.osl = osl
        self.hardware = hardware
        self.framework = framework
        self.specDecoding = specDecoding
        self.disaggregated = disaggregated
        self.run = run
    }

    /// `key=value` pairs, as filters take them.
    public var fields: [(String, String)] {
        [
            ("model", model), ("precision", precision), ("isl", "\(isl)"), ("osl", "\(osl)"), ("hardware", hardware),
            ("framework", framework), ("spec-decoding", specDecoding), ("disagg", "\(disaggregated)"), ("run", "\(run)"),
        ]
    }

    public var label: String {
        "\(hardware) \(framework) \(model) \(precision) \(isl)/\(osl)" + (specDecoding == "none" ? "" : " \(specDecoding)")
            + (disaggregated ? " disagg" : "") + " run \(run)"
    }

    public static func < (a: SeriesKey, b: SeriesKey) -> Bool { a.label < b.label }
}

/// One measured point as the analysis reads it.
public struct AnalysisPoint: Sendable {
    public var series: SeriesKey
    /// Stored point id, for tracing a frontier point back to its requests.
    public var pointID: Int64
    public var concurrency: Int
    public var gpus: Int
    /// tok/s/user (1 / median TPOT).
    public var interactivity: Double?
    /// Median end-to-end latency, seconds.
    public var e2el: Double?
    public var totalPerGPU: Double
    public var inputPerGPU: Double
    public var outputPerGPU: Double
    /// From GPU telemetry, when it was sampled.
    public var measuredJoulesPerToken: Double?
    /// Deployment text (TP, EP, DP attention) for tables and tooltips.
    public var deployment: String
    /// The matrix config key it came from.
    public var config: String
    public var date: Date
    /// Which of a run's repeats of this point (0 without --repeats).
    public var repeatIndex: Int
    /// p90/p99 TPOT and E2E latency, TTFT statistics.
    public var tails: LatencyTails
    /// Set on agentic-coding points.
    public var agentic: AgenticFigures?

    public init(
        series: SeriesKey, pointID: Int64, concurrency: Int, gpus: Int, interactivity: Double?, e2el: Double?,
        totalPerGPU: Double, inputPerGPU: Double, outputPerGPU: Double, measuredJoulesPerToken: Double?,
        deployment: String, config: String, date: Date, repeatIndex: Int = 0, tails: LatencyTails = LatencyTails(),
        agentic: AgenticFigures? = nil
    ) {
        self.tails = tails
        self.agentic = agentic
        self.config = config
        self.series = series
        self.pointID = pointID
        self.concurrency = concurrency
        self.gpus = gpus
        self.interactivity = interactivity
        self.e2el = e2el
        self.totalPerGPU = totalPerGPU
        self.inputPerGPU = inputPerGPU
        self.outputPerGPU = outputPerGPU
        self.measuredJoulesPerToken = measuredJoulesPerToken
        self.deployment = deployment
        self.date = date
        self.repeatIndex = repeatIndex
    }
}
