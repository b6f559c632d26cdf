import Foundation
import Metrics

/// A run as it starts.
public struct NewRun: Sendable {
    public var trigger: String
    public var startedAt: Date
    public var harnessVersion: String
    public var host: String
    public var matrixDigest: String

    public init(trigger: String, startedAt: Date = Date(), harnessVersion: String, host: String, matrixDigest: String) {
        self.trigger = trigger
        self.startedAt = startedAt
        self.harnessVersion = harnessVersion
        self.host = host
        self.matrixDigest = matrixDigest
    }
}

public struct RunSummary: Sendable, Equatable {
    public var id: Int64
    public var trigger: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var status: String
    public var points: Int
}

/// A served configuration; `naturalKey` identifies it across runs and machines.
public struct StoredDeployment: Sendable {
    public var naturalKey: String
    public var config: String
    public var model: String
    public var precision: String
    public var hardware: String
    public var framework: String
    public var gpus: Int
    public var description: String

    public init(naturalKey: String, config: String, model: String, precision: String, hardware: String, framework: String,
                gpus: Int, description: String) {
        self.naturalKey = naturalKey
        self.config = config
        self.model = model
        self.precision = precision
        self.hardware = hardware
        self.framework = framework
        self.gpus = gpus
        self.description = description
    }
}

/// One point's outcome: measured (metrics and requests) or failed (error, no metrics).
public struct StoredPoint: Sendable {
    public var deployment: StoredDeployment
    public var isl: Int
    public var osl: Int
    public var concurrency: Int
    public var status: String
    public var attempt: Int
    public var error: String?
    public var engineCommand: String?
    public var finishedAt: Date
    public var metrics: PointMetrics?
    public var requests: [RequestRecord]

    public init(deployment: StoredDeployment, isl: Int, osl: Int, concurrency: Int, status: String, attempt: Int = 1,
                error: String? = nil, engineCommand: String? = nil, finishedAt: Date = Date(), metrics: PointMetrics?,
                requests: [RequestRecord]) {
        self.deployment = deployment
        self.isl = isl
        self.osl = osl
        self.concurrency = concurrency
        self.status = status
        self.attempt = attempt
        self.error = error
        self.engineCommand = engineCommand
        self.finishedAt = finishedAt
        self.metrics = metrics
        self.requests = requests
    }
}
