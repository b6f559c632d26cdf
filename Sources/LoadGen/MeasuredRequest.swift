import Metrics

/// One measured request: the record the metrics use plus what the load generator itself knows
/// about it. Times are CLOCK_MONOTONIC nanoseconds (NIO's uptime clock, which the simulated
/// engine's emit times share).
public struct MeasuredRequest: Sendable, Codable, Equatable {
    public var record: RequestRecord
    /// When the arrival process meant it to be sent; the actual send is `record.start`.
    public var intendedStart: Int64
    /// When the last byte of the request was handed to the kernel.
    public var written: Int64?
    /// The prompt length the workload asked for; `record.promptTokens` is the server's count when it sent one.
    public var intendedPromptTokens: Int
    /// The server's `usage.prompt_tokens`, when sent.
    public var usagePromptTokens: Int?
    /// Per token event, the server's emit time (`bench serve-sim --emit-timestamps` only).
    public var serverEmitTimes: [Int64]?

    /// Seconds the request waited in the client for a free slot (or for the client itself).
    public var queueWait: Double { Double(record.start - intendedStart) / 1e9 }
    /// Request fully written − start, seconds: the client's share on the way out.
    public var sendLatency: Double? { written.map { Double($0 - record.start) / 1e9 } }
    /// Per token event with a server emit time: arrival − emit, seconds (the share on the way back).
    public var receiveLags: [Double] { zip(record.events, serverEmitTimes ?? []).map { Double($0.time - $1) / 1e9 } }
    public var promptLengthMismatch: Bool { usagePromptTokens.map { $0 != intendedPromptTokens } ?? false }
}
