import Foundation

/// The sim-sweep workers' shared state behind one lock: the next deployment to claim, and the
/// points simulated, failed and the slowest so far.
final class SweepTimings: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var points = 0, failed = 0
    private var slowest: (seconds: Double, label: String) = (0, "")

    /// The next unclaimed index below `count`, each handed out once.
    func claim(below count: Int) -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func add(points: Int, failed: Int, slowest candidate: (seconds: Double, label: String)) {
        lock.withLock {
            self.points += points
            self.failed += failed
            if candidate.seconds > slowest.seconds { slowest = candidate }
        }
    }

    var summary: (points: Int, failed: Int, slowest: (seconds: Double, label: String)) { lock.withLock { (points, failed, slowest) } }
}
