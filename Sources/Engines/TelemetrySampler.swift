import Foundation

/// Samples GPU power and utilisation about once a second on its own thread while a point runs.
/// Each sample carries the monotonic time it was taken (the clock the load generator stamps
/// requests with), so power can be integrated over exactly the point's measured window.
public final class TelemetrySampler: @unchecked Sendable {
    private let tool: GPUTool
    private let gpus: Int
    private let interval: Double
    private let condition = NSCondition()
    private var stopped = false
    private var finished = false
    private var samples: [PowerSample] = []

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
            let time = Int64(DispatchTime.now().uptimeNanoseconds)
            condition.lock()
            if !readings.isEmpty {
                let utilizations = readings.compactMap(\.utilization)
                samples.append(
                    PowerSample(
                        time: time, watts: readings.reduce(0) { $0 + $1.watts }, gpus: readings.count,
                        utilization: utilizations.isEmpty ? nil : utilizations.reduce(0, +) / Double(utilizations.count)))
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

    /// Stops sampling and returns the samples taken; nil when the tool gave no reading.
    public func stop() -> PowerTrace? {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !finished { condition.wait() }
        defer { condition.unlock() }
        return samples.isEmpty ? nil : PowerTrace(samples: samples, intervalSeconds: interval)
    }
}

/// One reading of the deployment's GPUs.
public struct PowerSample: Sendable, Equatable {
    /// Monotonic nanoseconds.
    public var time: Int64
    /// Summed over the GPUs read.
    public var watts: Double
    public var gpus: Int
    public var utilization: Double?

    public init(time: Int64, watts: Double, gpus: Int, utilization: Double?) {
        self.time = time
        self.watts = watts
        self.gpus = gpus
        self.utilization = utilization
    }
}

/// A point's power samples, summarised over its measured window.
public struct PowerTrace: Sendable, Equatable {
    public var samples: [PowerSample]
    public var intervalSeconds: Double

    public init(samples: [PowerSample], intervalSeconds: Double) {
        self.samples = samples.sorted { $0.time < $1.time }
        self.intervalSeconds = intervalSeconds
    }

    /// Power over `start…end` (monotonic ns; the first request sent to the last token), as InferenceX
    /// reports it: energy is the trapezoid integral of the GPUs' summed power over exactly that
    /// window (the power at its edges interpolated between neighbouring samples, or held from the
    /// nearest one), and the average is that energy over the window's length per GPU. Warmup
    /// requests before `start` add nothing. nil for an empty window.
    public func summary(start: Int64, end: Int64) -> TelemetrySummary? {
        guard end > start, let first = samples.first else { return nil }
        func power(at time: Int64) -> Double {
            guard let after = samples.firstIndex(where: { $0.time >= time }) else { return samples.last!.watts }
            guard after > 0 else { return samples[after].watts }
            let (a, b) = (samples[after - 1], samples[after])
            return a.watts + (b.watts - a.watts) * Double(time - a.time) / Double(b.time - a.time)
        }
        let inside = samples.filter { $0.time > start && $0.time < end }
        let knots = [(start, power(at: start))] + inside.map { ($0.time, $0.watts) } + [(end, power(at: end))]
        var joules = 0.0
        for (a, b) in zip(knots, knots.dropFirst()) {
            joules += (a.1 + b.1) / 2 * Double(b.0 - a.0) / 1e9
        }
        let seconds = Double(end - start) / 1e9
        let utilizations = (inside.isEmpty ? samples : inside).compactMap(\.utilization)
        return TelemetrySummary(
            samples: inside.count, intervalSeconds: intervalSeconds, gpus: first.gpus,
            averagePowerWattsPerGPU: joules / seconds / Double(max(1, first.gpus)), energyJoules: joules,
            averageUtilization: utilizations.isEmpty ? nil : utilizations.reduce(0, +) / Double(utilizations.count))
    }
}

/// Measured power over one point, stored beside (never instead of) the catalog's figures.
public struct TelemetrySummary: Sendable, Equatable, Codable {
    /// Samples taken inside the measured window, and the sampling interval.
    public var samples: Int
    public var intervalSeconds: Double
    public var gpus: Int
    /// Mean power per GPU over the window, W (InferenceX's `avg_power_w`).
    public var averagePowerWattsPerGPU: Double
    /// Energy of all the deployment's GPUs over the window, J.
    public var energyJoules: Double
    /// Mean GPU utilisation, percent; nil when the tool did not report it.
    public var averageUtilization: Double?
}
