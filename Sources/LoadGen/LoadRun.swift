import NIOCore
import NIOPosix

/// One load run on its own event-loop thread: the client's whole hot path lives there, so the
/// caller's tasks (progress display, signal handling) never delay a timestamp.
public final class LoadRun: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let driver: LoadDriver
    private let loop: EventLoop

    public init(settings: LoadSettings) throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        loop = group.next()
        driver = try LoadDriver(loop: loop, settings: settings)
    }

    /// Runs to the end (or to `stop`) and returns what was measured.
    public func run() async throws -> LoadOutcome {
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

    public func progress() async throws -> LoadProgress {
        try await loop.submit { self.driver.snapshot() }.get()
    }
}
