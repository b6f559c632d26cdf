import Foundation

/// Everything one `bench load` run needs.
public struct LoadSettings: Sendable {
    public enum Length: Sendable, Equatable {
        case prompts(Int)
        /// Keep issuing requests for this many seconds, then let the in-flight ones finish.
        case duration(Double)
    }

    public var target: LoadTarget
    public var workload: Workload
    public var arrivals: Arrivals
    /// nil: no cap (every arrival is sent at once on its own connection).
    public var maxConcurrency: Int?
    public var length: Length
    public var warmups: Int
    /// Per request, from send to the response's end.
    public var timeoutSeconds: Double
    /// Sent as `Authorization: Bearer`; never stored or printed.
    public var apiKey: String?
    /// Event loops (threads) the streams are spread over; at most one per slot of the cap.
    public var loops: Int

    public init(
        target: LoadTarget, workload: Workload, arrivals: Arrivals = Arrivals(rate: nil), maxConcurrency: Int?,
        length: Length, warmups: Int = 0, timeoutSeconds: Double = 600, apiKey: String? = nil,
        loops: Int = 1
    ) {
        self.target = target
        self.workload = workload
        self.arrivals = arrivals
        self.maxConcurrency = maxConcurrency
        self.length = length
        self.warmups = warmups
        self.timeoutSeconds = timeoutSeconds
        self.apiKey = apiKey
        self.loops = loops
    }

    /// `bench load`'s default: one event loop per core, less the cores kept for other work.
    public static func defaultLoops(reservingCores reserved: Int) -> Int {
        max(1, ProcessInfo.processInfo.activeProcessorCount - reserved)
    }
}

/// A run's counters while it goes, for the progress display.
public struct LoadProgress: Sendable, Equatable {
    public var finished = 0
    public var failed = 0
    public var inFlight = 0
    /// Of finished requests, plus the tokens received so far by those in flight.
    public var outputTokens = 0
    /// nil for `--duration` runs.
    public var total: Int?
    public var elapsedSeconds = 0.0
    public var warmingUp = false
    /// CPU the client's event-loop threads have used since the measured phase began.
    public var clientCPUSeconds = 0.0
}
