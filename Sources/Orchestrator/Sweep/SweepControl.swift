import Foundation

/// The stop request a signal handler sets and the sweep polls.
public final class SweepControl: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false

    public init() {}

    public func requestStop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    public var stopRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }
}
