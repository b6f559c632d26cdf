/// An agentic-coding point's own figures beside the throughputs: the x axes InferenceX plots agentic
/// results on and the prefix-cache hit rates shown with each point. Rates are fractions.
public struct AgenticFigures: Sendable, Equatable {
    /// 1 / p90 and 1 / p75 of E2EL / output tokens (tok/s/user).
    public var e2eNormalizedInteractivityP90: Double?
    public var e2eNormalizedInteractivityP75: Double?
    /// 1 / p90 of the per-request inter-token latency.
    public var interactivityP90: Double?
    /// Seconds.
    public var ttftP90: Double?
    public var theoreticalCacheHitRate: Double?
    public var serverCacheHitRate: Double?

    public init(
        e2eNormalizedInteractivityP90: Double?, e2eNormalizedInteractivityP75: Double?, interactivityP90: Double?,
        ttftP90: Double?, theoreticalCacheHitRate: Double?, serverCacheHitRate: Double?
    ) {
        self.e2eNormalizedInteractivityP90 = e2eNormalizedInteractivityP90
        self.e2eNormalizedInteractivityP75 = e2eNormalizedInteractivityP75
        self.interactivityP90 = interactivityP90
        self.ttftP90 = ttftP90
        self.theoreticalCacheHitRate = theoreticalCacheHitRate
        self.serverCacheHitRate = serverCacheHitRate
    }
}
