import Foundation
import Metrics

/// A run as it starts.
public struct NewRun: Sendable {
    public var trigger: String
    public var startedAt: Date
    public var harnessVersion: String
    public var host: String
    public var matrixDigest: String
    /// Identity across machines; shards and ingests keep it.
    public var uid: String
    /// What `--resume` needs to re-expand the same points (JSON, opaque to the store).
    public var planJSON: String?
    public var engine: String?
    /// `real-time`, `virtual` or `ingested`.
    public var clock: String?
    public var pid: Int32?

    public init(
        trigger: String, startedAt: Date = Date(), harnessVersion: String, host: String, matrixDigest: String,
        uid: String = UUID().uuidString.lowercased(), planJSON: String? = nil, engine: String? = nil, clock: String? = nil,
        pid: Int32? = nil
    ) {
        self.trigger = trigger
        self.startedAt = startedAt
        self.harnessVersion = harnessVersion
        self.host = host
        self.matrixDigest = matrixDigest
        self.uid = uid
        self.planJSON = planJSON
        self.engine = engine
        self.clock = clock
        self.pid = pid
    }
}

public struct RunSummary: Sendable, Equatable {
    public var id: Int64
    public var trigger: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var status: RunStatus
    public var points: Int
    public var failedPoints: Int
    public var engine: String?
    public var clock: String?
    public var host: String
    public var harnessVersion: String
}

/// A stored run with what it was started from.
public struct RunDetail: Sendable {
    public var summary: RunSummary
    public var uid: String
    public var harnessVersion: String
    public var matrixDigest: String
    public var planJSON: String?
    public var pid: Int32?
}

/// A point already in a run: its matrix point key, repeat and outcome.
public struct StoredSlot: Sendable, Hashable {
    public var pointKey: String
    public var repeatIndex: Int
    public var status: PointStatus

    public init(pointKey: String, repeatIndex: Int, status: PointStatus) {
        self.pointKey = pointKey
        self.repeatIndex = repeatIndex
        self.status = status
    }
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
    public var tp: Int?
    public var ep: Int?
    public var dpAttention: Bool?
    public var specDecoding: String?
    public var disaggregated: Bool?
    /// The whole parallel layout (nil for points stored before schema v4).
    public var topology: StoredTopology?
    /// `agentic-coding` for a trace-replay deployment; nil for fixed-seq-len.
    public var scenario: String?
    /// An agentic deployment's KV offload tier (`none`, `dram`).
    public var kvOffloading: String?

    public var isAgentic: Bool { scenario == "agentic-coding" }

    public init(
        naturalKey: String, config: String, model: String, precision: String, hardware: String, framework: String,
        gpus: Int, description: String, tp: Int? = nil, ep: Int? = nil, dpAttention: Bool? = nil,
        specDecoding: String? = nil, disaggregated: Bool? = nil, topology: StoredTopology? = nil, scenario: String? = nil,
        kvOffloading: String? = nil
    ) {
        self.topology = topology
        self.scenario = scenario
        self.kvOffloading = kvOffloading
        self.tp = tp
        self.ep = ep
        self.dpAttention = dpAttention
        self.specDecoding = specDecoding
        self.disaggregated = disaggregated
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
    public var status: PointStatus
    public var attempt: Int
    public var error: String?
    public var engineCommand: String?
    public var finishedAt: Date
    public var metrics: PointMetrics?
    public var requests: [RequestRecord]
    /// The matrix point's stable id (`p-…`); with `repeatIndex`, what resume compares.
    public var pointKey: String
    public var repeatIndex: Int
    public var power: MeasuredPower?
    /// An agentic-coding point's statistics (nil for fixed-seq-len).
    public var agentic: AgenticMeasurement?

    public init(
        deployment: StoredDeployment, isl: Int, osl: Int, concurrency: Int, status: PointStatus, attempt: Int = 1,
        error: String? = nil, engineCommand: String? = nil, finishedAt: Date = Date(), metrics: PointMetrics?,
        requests: [RequestRecord], pointKey: String, repeatIndex: Int = 0, power: MeasuredPower? = nil,
        agentic: AgenticMeasurement? = nil
    ) {
        self.agentic = agentic
        self.pointKey = pointKey
        self.repeatIndex = repeatIndex
        self.power = power
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

/// GPU power sampled during a point (nvidia-smi / amd-smi).
public struct MeasuredPower: Sendable, Equatable {
    /// Mean watts per GPU over the measured window (InferenceX's `avg_power_w`).
    public var averageWatts: Double
    /// All GPUs, integrated over the measured window.
    public var energyJoules: Double
    public var joulesPerToken: Double?
    public var averageUtilization: Double?
    /// Samples inside the window and the sampling interval, so a reader can judge the integral.
    public var samples: Int?
    public var intervalSeconds: Double?

    public init(
        averageWatts: Double, energyJoules: Double, joulesPerToken: Double?, averageUtilization: Double?,
        samples: Int? = nil, intervalSeconds: Double? = nil
    ) {
        self.averageWatts = averageWatts
        self.energyJoules = energyJoules
        self.joulesPerToken = joulesPerToken
        self.averageUtilization = averageUtilization
        self.samples = samples
        self.intervalSeconds = intervalSeconds
    }
}
