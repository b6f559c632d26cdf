import Catalog
import Engines
import Foundation
import Matrix
import Metrics
import Store

/// How a sweep ended.
public struct SweepOutcome: Sendable {
    public var runID: Int64
    /// `finished`, `interrupted` or `aborted` (too many failed points).
    public var status: RunStatus
    public var stored: Int
    public var failed: Int
    /// Planned points this invocation did not store (interrupted, aborted or refused by the store).
    public var remaining: Int
}

/// Runs a plan into a run of the store: one engine launch per deployment group, each point
/// stored in one transaction as it completes, failures recorded and counted, stop honoured.
public final class Sweep: Sendable {
    public let runID: Int64
    public let plan: SweepPlan
    public let settings: SweepSettings
    let catalog: Catalog
    let store: ResultStore
    let executor: any PointExecutor
    let replaceFailed: Bool
    public let control: SweepControl

    /// Starts a new run of `plan`.
    public convenience init(
        plan: SweepPlan, settings: SweepSettings, catalog: Catalog, store: ResultStore, environment: SweepEnvironment,
        trigger: String = "manual", uid: String? = nil, control: SweepControl = SweepControl()
    ) throws(SweepError) {
        let runID: Int64
        do {
            runID = try store.beginRun(
                NewRun(
                    trigger: trigger, harnessVersion: environment.harnessVersion, host: environment.host,
                    matrixDigest: plan.matrixDigest,
                    uid: uid ?? UUID().uuidString.lowercased(), planJSON: settings.json(),
                    engine: settings.engine.rawValue, clock: settings.clock, pid: getpid()))
        } catch {
            throw SweepError(error.description)
        }
        self.init(
            runID: runID, plan: plan, settings: settings, catalog: catalog, store: store, environment: environment, replaceFailed: false,
            control: control)
    }

    init(
        runID: Int64, plan: SweepPlan, settings: SweepSettings, catalog: Catalog, store: ResultStore, environment: SweepEnvironment,
        replaceFailed: Bool, control: SweepControl = SweepControl()
    ) {
        self.control = control
        self.runID = runID
        self.plan = plan
        self.settings = settings
        self.catalog = catalog
        self.store = store
        self.replaceFailed = replaceFailed
        if settings.virtual {
            executor = VirtualExecutor(catalog: catalog, settings: settings)
        } else {
            var options = RecipeOptions(
                benchExecutable: environment.benchExecutable, python: settings.python, modelPath: settings.modelPath,
                kvCacheDType: settings.kvCacheDType, extraArguments: settings.engineArguments,
                simArguments: settings.simCommandArguments, catalogPath: settings.catalogPath)
            let logs = "\(environment.logsRoot)/\(runID)"
            options.configDirectory = logs
            // Measured power belongs to real GPUs: never sampled while the simulator serves.
            executor = LiveExecutor(
                settings: settings, recipeOptions: options, logsDirectory: logs,
                gpuTool: settings.engine == .sim ? nil : environment.gpuTool)
        }
    }

    public func run(observer: any SweepObserver, alreadyStored: Int = 0) async -> SweepOutcome {
        observer.sweepStarted(run: runID, plan: plan, alreadyStored: alreadyStored)
        let total = plan.pointCount
        var number = 0, stored = 0, failed = 0
        var status = RunStatus.finished
        groups: for group in plan.groups {
            var command: String?
            // Set when the engine would not start: the group's remaining points fail with that
            // error instead of each waiting out another launch.
            var launchError: String?
            for planned in group.points {
                if control.stopRequested { status = .interrupted; break groups }
                number += 1
                if launchError == nil && !executor.isReady {
                    observer.engineLaunching(group.deployment, command: nil)
                    do {
                        command = try await executor.start(group, control: control)
                    } catch {
                        if control.stopRequested { status = .interrupted; break groups }
                        launchError = "the engine did not start: \(error.description)"
                    }
                }
                observer.pointStarted(planned, number: number, of: total)
                if let launchError {
                    failed += 1
                    if save(planned, command: command, measurement: PointMeasurement(records: [], error: launchError), observer: observer) {
                        stored += 1
                    }
                    if let max = settings.maxFailures, failed >= max { status = .aborted; break groups }
                    continue
                }
                let measurement = await executor.measure(planned, control: control, observer: observer)
                if measurement.interrupted { status = .interrupted; break groups }
                let saved = save(planned, command: command, measurement: measurement, observer: observer)
                if saved { stored += 1 }
                // A point the store refused (disk full, locked) is lost: it counts against --max-failures
                // like a failed measurement, so a sweep does not run on storing nothing.
                if !saved || measurement.error != nil || !measurement.records.contains(where: \.succeeded) || failsGate(measurement) { failed += 1 }
                if let max = settings.maxFailures, failed >= max { status = .aborted; break groups }
            }
            await executor.stop()
        }
        await executor.stop()
        try? store.finishRun(runID, status: status)
        return SweepOutcome(runID: runID, status: status, stored: stored, failed: failed, remaining: total - stored)
    }

    private func failsGate(_ measurement: PointMeasurement) -> Bool {
        Self.failureGate(
            failed: measurement.records.count { !$0.succeeded }, total: measurement.records.count,
            maxRate: maxFailureRate(agentic: measurement.agentic != nil)) != nil
    }

    /// `--max-failure-rate`, else InferenceX's limit for the scenario (5% fixed-seq-len, 10% agentic).
    private func maxFailureRate(agentic: Bool) -> Double {
        settings.maxFailureRate ?? (agentic ? SweepSettings.defaultAgenticMaxFailureRate : SweepSettings.defaultMaxFailureRate)
    }

    /// Stores one point (failed ones too, with their error); false when the store refused it.
    private func save(_ planned: PlannedPoint, command: String?, measurement: PointMeasurement, observer: any SweepObserver) -> Bool {
        let deployment = planned.point.deployment
        let metrics =
            measurement.precomputed
            ?? (measurement.records.isEmpty
                ? nil
                : PointMetrics(
                    records: measurement.records, concurrency: planned.point.conc,
                    gpus: deployment.gpus, pools: deployment.poolGPUs))
        let gate = metrics.flatMap {
            Self.failureGate(failed: $0.failed, total: $0.completed + $0.failed, maxRate: maxFailureRate(agentic: measurement.agentic != nil))
        }
        let pointStatus: PointStatus = measurement.error == nil && (metrics?.completed ?? 0) > 0 && gate == nil ? .ok : .failed
        let error = measurement.error ?? gate ?? (pointStatus == .failed ? Self.allFailed(measurement.records) : nil)
        let window = measurement.records.isEmpty ? nil : (measurement.records.map(\.start).min()!, measurement.records.map(\.end).max()!)
        let power = window.flatMap { measurement.power?.summary(start: $0.0, end: $0.1) }.map { summary in
            let tokens = (metrics?.inputTokens ?? 0) + (metrics?.outputTokens ?? 0)
            return MeasuredPower(
                averageWatts: summary.averagePowerWattsPerGPU, energyJoules: summary.energyJoules,
                joulesPerToken: tokens > 0 ? summary.energyJoules / Double(tokens) : nil,
                averageUtilization: summary.averageUtilization, samples: summary.samples, intervalSeconds: summary.intervalSeconds)
        }
        let point = StoredPoint(
            deployment: deployment.stored(catalog: catalog), isl: deployment.isl, osl: deployment.osl,
            concurrency: planned.point.conc, status: pointStatus, error: error, engineCommand: command,
            metrics: metrics, requests: measurement.records, pointKey: planned.point.id,
            repeatIndex: planned.repeatIndex, power: power, agentic: measurement.agentic)
        do {
            _ = try store.record(point, run: runID, replacingFailed: replaceFailed)
        } catch {
            observer.pointFinished(planned, status: .failed, metrics: metrics, error: "not stored: \(error.description)")
            return false
        }
        observer.pointFinished(planned, status: pointStatus, metrics: metrics, error: error)
        return true
    }

    /// InferenceX's rule: a point with more than `maxRate` of its requests failed is a failed point
    /// (stored with its requests, never on a frontier or in a baseline). nil when it passes.
    static func failureGate(failed: Int, total: Int, maxRate: Double) -> String? {
        guard total > 0, failed < total, Double(failed) / Double(total) > maxRate else { return nil }
        let share = Double(failed) / Double(total) * 100
        return "\(failed) of \(total) requests failed (\(String(format: "%.1f", share))%, above the \(String(format: "%g", maxRate * 100))% limit)"
    }

    static func allFailed(_ records: [RequestRecord]) -> String {
        guard let first = records.first(where: { !$0.succeeded })?.error else { return "no request was sent" }
        return "all \(records.count) requests failed; the first: \(first.kind.rawValue): \(first.message)"
    }
}

/// Facts about this process the sweep records or needs.
public struct SweepEnvironment: Sendable {
    public var harnessVersion: String
    public var host: String
    /// The `bench` binary the sim recipe launches as `serve-sim`.
    public var benchExecutable: String
    /// Engine logs go to `<logsRoot>/<run>/<deployment>.log`.
    public var logsRoot: String
    public var gpuTool: GPUTool?

    public init(harnessVersion: String, host: String, benchExecutable: String, logsRoot: String, gpuTool: GPUTool?) {
        self.harnessVersion = harnessVersion
        self.host = host
        self.benchExecutable = benchExecutable
        self.logsRoot = logsRoot
        self.gpuTool = gpuTool
    }
}
