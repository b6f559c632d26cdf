import NIOCore
import NIOPosix

/// One trace replay on its own event-loop thread (as `LoadRun` for the synthetic workload).
public final class TraceReplayRun: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let driver: TraceReplayDriver
    private let loop: EventLoop
    private let finished = LockedFlag()

    public init(settings: TraceReplaySettings) throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        loop = group.next()
        driver = try TraceReplayDriver(loop: loop, settings: settings)
    }

    public func run() async throws -> TraceReplayOutcome {
        defer { finished.set() }
        do {
            let outcome = try await loop.flatSubmit { self.driver.run() }.get()
            try? await group.shutdownGracefully()
            return outcome
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// Stop sending; in-flight requests get `graceSeconds` to finish, then are cut and left out.
    public func stop(graceSeconds: Double = 5) {
        loop.execute { self.driver.stop(grace: graceSeconds) }
    }

    /// Profiled requests finished, requests in flight, and whether profiling has begun; throws once the run has ended.
    public func progress() async throws -> (finished: Int, inFlight: Int, profiling: Bool) {
        guard let future = finished.unlessSet({ loop.submit { self.driver.snapshot() } }) else { throw CancellationError() }
        return try await future.get()
    }
}
