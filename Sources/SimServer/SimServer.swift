import NIOCore
import NIOHTTP1
import NIOPosix
import SimEngine

/// `bench serve-sim`: the simulated engine behind an OpenAI-compatible HTTP/1.1 server.
/// The first event loop runs the scheduler core; connections are spread over `options.loops`
/// loops (that one included), and each loop writes its own connections' token events. With one
/// loop (the default) every event is written without a thread hop and the server uses one core.
public final class SimServer: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let channel: Channel
    private let state: NIOLoopBound<SimServerState>
    public let port: Int

    public static func start(cluster: SimCluster, options: ServerOptions) async throws -> SimServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, options.loops))
        let loops = Array(group.makeIterator())
        let loop = loops[0]
        do {
            let state = try await loop.submit {
                NIOLoopBound(
                    SimServerState(
                        options: options,
                        engine: try RealTimeEngine(cluster: cluster, loop: loop, loops: loops, truthLogPath: options.truthLogPath)),
                    eventLoop: loop)
            }.get()
            let core = ServerCore(state: state, clock: try await loop.submit { state.value.engine.clock }.get(), options: options)
            let channel = try await ServerBootstrap(group: loop, childGroup: group)
                .serverChannelOption(.backlog, value: 4096)
                // Accept every waiting connection per loop turn: at NIO's default of 4, a server busy
                // streaming to 1,000 clients took seconds to accept a burst of new ones, while their
                // requests sat unread (the clients' TTFT counted it; the truth log could not).
                .serverChannelOption(.maxMessagesPerRead, value: 1024)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(IdleStateHandler(allTimeout: .seconds(options.idleSeconds)))
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        try channel.pipeline.syncOperations.addHandler(SimHTTPHandler(core: core))
                    }
                }
                .bind(host: options.host, port: options.port).get()
            return SimServer(group: group, channel: channel, state: state, port: channel.localAddress?.port ?? options.port)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    private init(group: MultiThreadedEventLoopGroup, channel: Channel, state: NIOLoopBound<SimServerState>, port: Int) {
        self.group = group
        self.channel = channel
        self.state = state
        self.port = port
    }

    /// Every token event's lateness so far; subtract two snapshots for a window.
    public func emitLag() async throws -> EmitLag {
        try await channel.eventLoop.submit { self.state.value.engine.lag }.get()
    }

    /// Stops accepting, lets every in-flight stream finish, then closes.
    public func drainAndStop() async throws {
        let loop = channel.eventLoop
        try await loop.submit { self.state.value.draining = true }.get()
        try? await channel.close()
        while try await loop.submit({ self.state.value.engine.activeStreams }).get() > 0 {
            try await Task.sleep(for: .milliseconds(20))
        }
        // Every loop's last writes report back to the engine's loop before the truth log closes.
        for other in try await loop.submit({ self.state.value.engine.loops }).get() { try await other.submit {}.get() }
        try await loop.submit { self.state.value.engine.closeTruthLog() }.get()
        try await group.shutdownGracefully()
    }
}
