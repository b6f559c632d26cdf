import Foundation

/// Samples GPU power and utilisation about once a second on its own thread while a point runs.
public final class TelemetrySampler: @unchecked Sendable {
    private let tool: GPUTool
    private let gpus: Int
    private let interval: Double
    private let condition = NSCondition()
    private var stopped = false
    private var finished = false
    /// Per sample: the summed watts and mean utilisation of the deployment's GPUs.
    private var samples: [(watts: Double, utilization: Double?)] = []

    /// Samples the first `gpus` GPUs the tool lists (in index order): the deployment's.
    public init(tool: GPUTool, gpus: Int, intervalSeconds: Double = 1) {
        self.tool = tool
        self.gpus = max(1, gpus)
        self.interval = intervalSeconds
        let thread = Thread { [self] in loop() }
        thread.name = "bench telemetry"
        thread.start()
    }

    private func loop() {
        var next = Date()
        while true {
            let readings = tool.sample().sorted { $0.index < $1.index }.prefix(gpus)
            condition.lock()
            if !readings.isEmpty {
                let utilizations = readings.compactMap(\.utilization)
                samples.append((readings.reduce(0) { $0 + $1.watts },
                                utilizations.isEmpty ? nil : utilizations.reduce(0, +) / Double(utilizations.count)))
            }
            next = next.addingTimeInterval(interval)
            while !stopped && Date() < next { _ = condition.wait(until: next) }
            if stopped {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            condition.unlock()
        }
    }

    /// Stops sampling and summarises; nil when the tool gave no reading.
    public func stop() -> TelemetrySummary? {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !finished { condition.wait() }
        defer { condition.unlock() }
        return TelemetrySummary(samples: samples)
    }
}

/// Measured power over one point, stored beside (never instead of) the catalog's figures.
public struct TelemetrySummary: Sendable, Equatable, Codable {
    public var samples: Int
    /// Mean of the summed power of the deployment's GPUs, W.
    public var averagePowerWatts: Double
    /// Mean GPU utilisation, percent; nil when the tool did not report it.
    public var averageUtilization: Double?

    init?(samples: [(watts: Double, utilization: Double?)]) {
        guard !samples.isEmpty else { return nil }
        self.samples = samples.count
        averagePowerWatts = samples.reduce(0) { $0 + $1.watts } / Double(samples.count)
        let utilizations = samples.compactMap(\.utilization)
        averageUtilization = utilizations.isEmpty ? nil : utilizations.reduce(0, +) / Double(utilizations.count)
    }

    /// Energy over a point's measured duration, J: the mean power times the duration, so warmup
    /// requests (sampled too) do not add to it.
    public func energyJoules(overSeconds seconds: Double) -> Double { averagePowerWatts * seconds }
}
