import LoadGen
import Matrix
import Metrics
import Store

/// What a sweep tells its display as it goes. Called from the sweep's task, one call at a time.
public protocol SweepObserver: Sendable {
    func sweepStarted(run: Int64, plan: SweepPlan, alreadyStored: Int)
    func engineLaunching(_ deployment: Deployment, command: String?)
    func pointStarted(_ planned: PlannedPoint, number: Int, of total: Int)
    func pointProgress(_ progress: LoadProgress)
    func pointFinished(_ planned: PlannedPoint, status: PointStatus, metrics: PointMetrics?, error: String?)
}
