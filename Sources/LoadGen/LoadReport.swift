import Foundation
import Metrics

/// A finished run and its metrics, written as `--save-result` JSON and the end-of-run table.
public struct LoadReport: Sendable {
    public var settings: LoadSettings
    public var outcome: LoadOutcome
    public var metrics: PointMetrics
    public var date: Date

    public init(settings: LoadSettings, outcome: LoadOutcome, gpus: Int?, date: Date = Date()) {
        self.settings = settings
        self.outcome = outcome
        metrics = PointMetrics(records: outcome.requests.map(\.record), concurrency: settings.maxConcurrency, gpus: gpus)
        self.date = date
    }

    public var failedFraction: Double {
        outcome.requests.isEmpty ? 0 : Double(metrics.failed) / Double(outcome.requests.count)
    }

    /// Client queue wait (intended → actual send), seconds.
    public var queueWait: Distribution? { Distribution(outcome.requests.map(\.queueWait)) }

    /// Event arrival − server emit time, seconds: only against `bench serve-sim --emit-timestamps`.
    public var receiveLag: Distribution? { Distribution(outcome.requests.flatMap(\.receiveLags)) }

    /// Request fully written − start, seconds.
    public var sendLatency: Distribution? { Distribution(outcome.requests.compactMap(\.sendLatency)) }

    public var promptLengthMismatches: Int { outcome.requests.count(where: \.promptLengthMismatch) }
}
