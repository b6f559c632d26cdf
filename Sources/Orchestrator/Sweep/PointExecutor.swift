import Engines
import Metrics

/// What measuring one point produced.
struct PointMeasurement: Sendable {
    var records: [RequestRecord]
    /// The point's metrics when the executor computed them itself (the virtual clock, whose
    /// records may omit the events between each request's first and last token).
    var precomputed: PointMetrics?
    /// Why the point failed as a whole (the engine died, the deployment cannot run); nil otherwise.
    var error: String?
    var power: PowerTrace?
    /// An agentic-coding point's own statistics.
    var agentic: AgenticMeasurement?
    /// Stopped by Ctrl-C or SIGTERM: not stored, so a resume runs it.
    var interrupted = false
}

/// Serves a deployment group and measures its points: on the virtual clock or over HTTP.
protocol PointExecutor: AnyObject, Sendable {
    /// Readies the group's engine; returns the command stored with its points (nil: none launched).
    /// A stop request cancels a launch still waiting for readiness.
    func start(_ group: DeploymentGroup, control: SweepControl) async throws(EngineError) -> String?
    /// Whether the engine is still up for the next point (false: relaunch with `start`).
    var isReady: Bool { get }
    func measure(_ planned: PlannedPoint, control: SweepControl, observer: any SweepObserver) async -> PointMeasurement
    func stop() async
}
