import Foundation
import NIOCore
import NIOPosix

/// One load run on its own event-loop threads (`settings.loops`, one lane each): the client's
/// whole hot path lives there, so the caller's tasks (progress display, signal handling) never
/// delay a timestamp. Lanes share nothing while they stream; they meet only between phases
/// (connections and warmups done, then the measured start) and at the end, when their
/// outcomes are merged.
public final class LoadRun: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let drivers: [LoadDriver]
    /// Set (under the lock) before the loops shut down, so `progress` and `stop` never submit to a dead loop.
    private let finished = LockedFlag()

    public init(settings: LoadSettings) throws {
        let lanes = LoadLane.count(for: settings)
        group = MultiThreadedEventLoopGroup(numberOfThreads: lanes)
        drivers = try group.makeIterator().enumerated().map { index, loop in
            try LoadDriver(loop: loop, settings: settings, lane: LoadLane(index: index, count: lanes))
        }
    }

    /// Runs to the end (or to `stop`) and returns what was measured.
    public func run() async throws -> LoadOutcome {
        do {
            let home = drivers[0].loop
            let prepared = drivers.map { driver in driver.loop.flatSubmit { driver.prepare() } }
            try await EventLoopFuture.andAllSucceed(prepared, on: home).get()
            let start = Clock.now()
            let measured = drivers.map { driver in driver.loop.flatSubmit { driver.measure(from: start) } }
            let outcome = LoadOutcome.merged(try await EventLoopFuture.whenAllSucceed(measured, on: home).get())
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
        _ = finished.unlessSet {
            for driver in drivers { driver.loop.execute { driver.stop(grace: graceSeconds) } }
        }
    }

    /// The counters so far; throws once the run has ended.
    public func progress() async throws -> LoadProgress {
        guard let futures = finished.unlessSet({ drivers.map { driver in driver.loop.submit { driver.snapshot() } } }) else {
            throw CancellationError()
        }
        var lanes: [LoadProgress] = []
        for future in futures { lanes.append(try await future.get()) }
        return .combined(lanes)
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
