import Catalog
import Foundation
import LoadGen
import Matrix
import Metrics
import Orchestrator
import Store

/// `bench run`'s progress on stderr: a redrawn status line on a terminal (point k of n, the
/// deployment and concurrency, requests, tok/s, failures, the sweep's ETA), plain lines
/// otherwise, and one line per finished point either way.
final class SweepDisplay: SweepObserver, @unchecked Sendable {
    private let terminal: Bool
    private let lock = NSLock()
    private let estimate: SweepEstimate?
    /// The estimate for the whole plan and for the points finished so far.
    private var totalEstimated: Double?
    private var current: (planned: PlannedPoint, number: Int, total: Int)?
    private var started = Date()
    private var pointStarted = Date()
    private var doneEstimated = 0.0
    private var lastPlainLine = Date.distantPast
    private var failedPoints = 0

    init(terminal: Bool, estimate: SweepEstimate?) {
        self.terminal = terminal
        self.estimate = estimate
    }

    func sweepStarted(run: Int64, plan: SweepPlan, alreadyStored: Int) {
        lock.withLock {
            totalEstimated = estimate?.seconds(of: plan)
            started = Date()
        }
        let skippedCount = plan.skippedCount
        let skipped = skippedCount == 0 ? "" : ", \(skippedCount) skipped (bench run --dry-run lists why)"
        let resumed = alreadyStored > 0 ? ", \(alreadyStored) already stored" : ""
        Console.error(
            "bench run: run \(run): \(counted(plan.pointCount, "point")) in \(counted(plan.groups.count, "engine launch", plural: "engine launches"))\(resumed)\(skipped)"
        )
    }

    func engineLaunching(_ deployment: Deployment, command: String?) {
        clearLine()
        Console.error("bench run: launching the engine for \(deployment.configKey) (\(deployment.workloadLabel))")
    }

    func pointStarted(_ planned: PlannedPoint, number: Int, of total: Int) {
        lock.withLock {
            current = (planned, number, total)
            pointStarted = Date()
        }
    }

    func pointProgress(_ progress: LoadProgress) {
        let line: String = lock.withLock {
            guard let current else { return "" }
            let elapsed = Date().timeIntervalSince(pointStarted)
            let rate = elapsed > 0 ? Double(progress.outputTokens) / elapsed : 0
            let requests = progress.warmingUp ? "warmup" : "\(progress.finished)/\(progress.total.map(String.init) ?? "?") requests"
            return String(
                format: "[%d/%d] %@ conc %d  %@  %.0f tok/s  %d failed  elapsed %@%@",
                current.number, current.total, current.planned.point.deployment.configKey, current.planned.point.conc,
                requests, rate, progress.failed, Self.clock(Date().timeIntervalSince(started)), eta())
        }
        guard !line.isEmpty else { return }
        if terminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
        } else if Date().timeIntervalSince(lastPlainLine) >= 10 {
            lastPlainLine = Date()
            Console.error(line)
        }
    }

    /// The sweep's remaining time: the simulator's estimate of what is left, scaled by how the
    /// finished points compared with their estimates. Call with the lock held.
    private func eta() -> String {
        guard let totalEstimated else { return "" }
        let elapsed = Date().timeIntervalSince(started)
        let left = doneEstimated > 0 ? (totalEstimated - doneEstimated) * elapsed / doneEstimated : totalEstimated - elapsed
        return "  ETA " + Self.clock(max(0, left))
    }

    func pointFinished(_ planned: PlannedPoint, status: PointStatus, metrics: PointMetrics?, error: String?) {
        clearLine()
        lock.withLock {
            doneEstimated += estimate?.pointSeconds[SweepPlan.slotKey(planned.point.id, planned.repeatIndex)] ?? 0
        }
        let number = lock.withLock { current?.number ?? 0 }
        let total = lock.withLock { current?.total ?? 0 }
        let deployment = planned.point.deployment
        let label =
            "[\(number)/\(total)] \(deployment.configKey) \(deployment.workloadLabel) conc \(planned.point.conc)"
            + (planned.repeatIndex > 0 ? " repeat \(planned.repeatIndex + 1)" : "")
        if status == .ok, let metrics {
            Console.error(
                String(
                    format: "%@: %.1f tok/s/GPU, %.1f tok/s/user, TTFT %.0f ms, %d/%d ok",
                    label, metrics.totalThroughputPerGPU ?? 0, metrics.interactivity ?? 0,
                    (metrics.ttft?.median ?? 0) * 1000, metrics.completed, metrics.completed + metrics.failed))
        } else {
            lock.withLock { failedPoints += 1 }
            Console.error("\(label): FAILED: \(error ?? "unknown")")
        }
    }

    func finish() {
        clearLine()
    }

    private func clearLine() {
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }

    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 3600 ? String(format: "%dh%02dm", whole / 3600, whole % 3600 / 60) : String(format: "%dm%02ds", whole / 60, whole % 60)
    }

    static func closingLine(_ outcome: SweepOutcome, db: String) -> String {
        var line = "bench run: run \(outcome.runID) \(outcome.status): \(counted(outcome.stored, "point")) stored, \(outcome.failed) failed"
        if outcome.status != .finished || outcome.remaining > 0 {
            line += "; \(outcome.remaining) not stored: bench run --resume \(outcome.runID) --db \(db) runs exactly those"
        }
        return line
    }
}
