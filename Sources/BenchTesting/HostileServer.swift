import NIOCore
import NIOPosix

/// A loopback server that answers every request with bytes a test chose: a canned `prefix`,
/// then `repeating` written again and again until the client hangs up (when not empty). For
/// testing the load generator against servers that lie, flood or never finish.
public final class HostileServer: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let channel: Channel
    public let port: Int

    public init(prefix: [UInt8], repeating: [UInt8] = []) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        self.group = group
        channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Responder(prefix: prefix, repeating: repeating))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    public convenience init(_ prefix: String, repeating: String = "") async throws {
        try await self.init(prefix: Array(prefix.utf8), repeating: Array(repeating.utf8))
    }

    public func stop() async throws {
        try? await channel.close()
        try await group.shutdownGracefully()
    }

    /// Confined to its connection's event loop.
    private final class Responder: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let prefix: [UInt8], repeating: [UInt8]
        private var answered = false

        init(prefix: [UInt8], repeating: [UInt8]) {
            self.prefix = prefix
            self.repeating = repeating
        }

        /// The first bytes of a request are enough: whatever was asked, the answer is the same.
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard !answered else { return }
            answered = true
            let channel = context.channel
            channel.writeAndFlush(channel.allocator.buffer(bytes: prefix)).whenComplete { _ in
                if self.repeating.isEmpty {
                    channel.close(promise: nil)
                } else {
                    self.flood(channel, channel.allocator.buffer(bytes: self.repeating))
                }
            }
        }

        /// Writes `chunk` until the client closes; each write waits for the previous one (so memory
        /// stays flat) and the next starts from the loop, not from inside the completion.
        private func flood(_ channel: Channel, _ chunk: ByteBuffer) {
            channel.writeAndFlush(chunk).whenComplete { result in
                if case .success = result { channel.eventLoop.execute { self.flood(channel, chunk) } }
            }
        }
    }
}
