import Catalog
import Engines
import Foundation
import Store

extension Sweep {
    /// Continues run `runID` with exactly the points it has not stored (and, with
    /// `retryFailed`, those stored as failed, each replaced by its new attempt).
    public static func resume(
        runID: Int64, store: ResultStore, catalog: Catalog, environment: SweepEnvironment,
        machineHardware: String?, retryFailed: Bool
    ) throws(SweepError) -> (sweep: Sweep, alreadyStored: Int) {
        let detail: RunDetail?
        let slots: Set<StoredSlot>
        do {
            detail = try store.run(runID)
            slots = try store.slots(run: runID)
        } catch {
            throw SweepError(error.description)
        }
        guard let detail else { throw SweepError("run \(runID) is not in \(store.path); bench runs list shows the runs there") }
        guard let json = detail.planJSON, let settings = SweepSettings.decode(json) else {
            throw SweepError("run \(runID) was not started by bench run (it was \(detail.summary.trigger)), so it has no plan to resume")
        }
        guard !settings.lostSecret else {
            throw SweepError(
                "run \(runID) was started with a secret in --engine-arg, --sim-arg or --url, which bench does not store; "
                    + "start a new run, and pass secrets through the environment (--api-key-env, or variables exported before bench run, which engines inherit) to keep runs resumable"
            )
        }
        if detail.summary.status == .running, let pid = detail.pid, pid != getpid(), kill(pid, 0) == 0 {
            throw SweepError("run \(runID) is still running (bench pid \(pid)); stop that one first")
        }
        let plan = try SweepPlan(settings: settings, catalog: catalog, machineHardware: settings.hardware ?? machineHardware)
        guard plan.matrixDigest == detail.matrixDigest else {
            throw SweepError(
                "the matrix files of run \(runID) changed since it started (\(settings.matrixFiles.joined(separator: ", "))); "
                    + "restore them to resume it, or start a new run")
        }
        let done = Set(slots.filter { !retryFailed || $0.status == .ok }.map { SweepPlan.slotKey($0.pointKey, $0.repeatIndex) })
        if let group = EngineLeftovers.kill(in: "\(environment.logsRoot)/\(runID)") {
            FileHandle.standardError.write(Data("bench run: killed engine process group \(group) left by the killed run \(runID)\n".utf8))
        }
        do {
            try store.reopenRun(runID, pid: getpid())
        } catch {
            throw SweepError(error.description)
        }
        let sweep = Sweep(
            runID: runID, plan: plan.excluding(done), settings: settings, catalog: catalog, store: store,
            environment: environment, replaceFailed: retryFailed)
        return (sweep, done.count)
    }
}
