import Foundation
import NIOCore
import NIOPosix

/// One load run on its own event-loop thread: the client's whole hot path lives there, so the
/// caller's tasks (progress display, signal handling) never delay a timestamp.
public final class LoadRun: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let driver: LoadDriver
    private let loop: EventLoop
    /// Set (under the lock) before the loop shuts down, so `progress` never submits to a dead loop.
    private let finished = LockedFlag()

    public init(settings: LoadSettings) throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        loop = group.next()
        driver = try LoadDriver(loop: loop, settings: settings)
    }

    /// Runs to the end (or to `stop`) and returns what was measured.
    public func run() async throws -> LoadOutcome {
        do {
            let outcome = try await loop.flatSubmit { self.driver.run() }.get()
            await shutDown()
            return outcome
        } catch {
            await shutDown()
            throw error
        }
    }

    private func shutDown() async {
        finished.set()
        try? await group.shutdownGracefully()
    }

    /// Stop sending; in-flight requests get `graceSeconds` to finish, then are cut and left out.
    public func stop(graceSeconds: Double = 5) {
        loop.execute { self.driver.stop(grace: graceSeconds) }
    }

    /// The counters so far; throws once the run has ended.
    public func progress() async throws -> LoadProgress {
        guard let future = finished.unlessSet({ loop.submit { self.driver.snapshot() } }) else { throw CancellationError() }
        return try await future.get()
    }
}

/// A flag set once, and a way to act only while it is not set, atomically with respect to setting it.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() {
        lock.withLock { value = true }
    }

    func unlessSet<T>(_ body: () -> T) -> T? {
        lock.withLock { value ? nil : body() }
    }
}
