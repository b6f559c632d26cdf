import LoadGen
import NIOCore
import NIOPosix

/// The closed-loop streaming load of `bench perf sim-server`: keep-alive connections that each
/// send one streaming completion after another and count the SSE events that come back. It
/// parses no JSON on purpose, so that the server, not the client, is what gets measured.
final class SSELoadClient: Sendable {
    struct Counts: Sendable {
        var events = 0
        var completed = 0
        var failed = 0
        /// CPU seconds of the client's event-loop thread so far.
        var cpuSeconds = 0.0
    }

    private let group: MultiThreadedEventLoopGroup
    private let tally: NIOLoopBound<Tally>
    private let stopping: NIOLoopBound<Flag>

    /// Opens `connections` connections to 127.0.0.1:`port`, each repeating `request` (raw HTTP/1.1 bytes).
    init(port: Int, connections: Int, request: String) async throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let (tally, stopping) = try await loop.submit {
            (NIOLoopBound(Tally(), eventLoop: loop), NIOLoopBound(Flag(), eventLoop: loop))
        }.get()
        self.tally = tally
        self.stopping = stopping
        let bytes = Array(request.utf8)
        for _ in 0..<connections {
            _ = try await ClientBootstrap(group: loop)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            EventCounter(request: bytes, tally: tally.value, stopping: stopping.value))
                    }
                }
                .connect(host: "127.0.0.1", port: port).get()
        }
    }

    func counts() async throws -> Counts {
        try await group.next().submit {
            var counts = self.tally.value.counts
            counts.cpuSeconds = ThreadCPU.seconds()
            return counts
        }.get()
    }

    /// Lets running streams finish without starting new ones, then closes everything.
    func stop() async throws {
        try await group.next().submit { self.stopping.value.isSet = true }.get()
        try await group.shutdownGracefully()
    }

    final class Tally {
        var counts = Counts()
    }

    final class Flag {
        var isSet = false
    }
}

/// Counts `data: {` events and resends the request after each `data: [DONE]`. A state machine
/// over bytes, so a pattern split across reads still counts once.
private final class EventCounter: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private static let prefix = Array("data: ".utf8)

    private let request: [UInt8]
    private let tally: SSELoadClient.Tally
    private let stopping: SSELoadClient.Flag
    private var matched = 0

    init(request: [UInt8], tally: SSELoadClient.Tally, stopping: SSELoadClient.Flag) {
        self.request = request
        self.tally = tally
        self.stopping = stopping
    }

    func channelActive(context: ChannelHandlerContext) {
        send(context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        var done = false
        for byte in buffer.readableBytesView {
            if matched == Self.prefix.count {
                matched = 0
                if byte == UInt8(ascii: "{") { tally.counts.events += 1 } else if byte == UInt8(ascii: "[") { done = true }
                continue
            }
            matched = byte == Self.prefix[matched] ? matched + 1 : (byte == Self.prefix[0] ? 1 : 0)
        }
        guard done else { return }
        tally.counts.completed += 1
        if stopping.isSet { context.close(promise: nil) } else { send(context) }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        tally.counts.failed += 1
        context.close(promise: nil)
    }

    private func send(_ context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: request.count)
        buffer.writeBytes(request)
        context.writeAndFlush(NIOAny(buffer), promise: nil)
    }
}
