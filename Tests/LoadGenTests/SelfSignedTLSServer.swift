import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A TLS server on an ephemeral loopback port whose certificate is self-signed (CN
/// bench-test-localhost, SANs localhost and 127.0.0.1; made for these tests with openssl, trusted
/// by nothing, its key public here). It counts the connections that opened with a TLS handshake
/// record: only a client that speaks TLS sends one.
final class SelfSignedTLSServer: @unchecked Sendable {
    let port: Int
    private let channel: Channel
    private let group: MultiThreadedEventLoopGroup
    private let hellos: HelloCounter

    private init(port: Int, channel: Channel, group: MultiThreadedEventLoopGroup, hellos: HelloCounter) {
        self.port = port
        self.channel = channel
        self.group = group
        self.hellos = hellos
    }

    var clientHellos: Int { hellos.count }

    static func start() async throws -> SelfSignedTLSServer {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(certificate.utf8)).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(key.utf8), format: .pem)))
        let context = try NIOSSLContext(configuration: configuration)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let hellos = HelloCounter()
        let channel = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(hellos.peeker())
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return SelfSignedTLSServer(port: channel.localAddress!.port!, channel: channel, group: group, hellos: hellos)
    }

    func stop() async throws {
        try await channel.close()
        try await group.shutdownGracefully()
    }

    /// Counts connections whose first byte is 0x16, a TLS handshake record (the ClientHello).
    final class HelloCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var seen = 0
        var count: Int { lock.withLock { seen } }

        func peeker() -> FirstBytePeeker { FirstBytePeeker { first in if first == 0x16 { self.lock.withLock { self.seen += 1 } } } }
    }

    final class FirstBytePeeker: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer
        private let seen: (UInt8) -> Void

        init(_ seen: @escaping (UInt8) -> Void) { self.seen = seen }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            if let first = unwrapInboundIn(data).getInteger(at: unwrapInboundIn(data).readerIndex, as: UInt8.self) { seen(first) }
            context.fireChannelRead(data)
            context.pipeline.syncOperations.removeHandler(self, promise: nil)
        }
    }

    static let certificate = """
        -----BEGIN CERTIFICATE-----
        MIIBsDCCAVegAwIBAgIUOuPvYdm7+ihFn7MNVo5HSrUTnpAwCgYIKoZIzj0EAwIw
        HzEdMBsGA1UEAwwUYmVuY2gtdGVzdC1sb2NhbGhvc3QwIBcNMjYxMjAyMDkyOTEy
        WhgPMjEyNjExMDgwOTI5MTJaMB8xHTAbBgNVBAMMFGJlbmNoLXRlc3QtbG9jYWxo
        b3N0MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAESDxNi5HfZd6ss/xavlpLs3MR
        jhHZu1Y+9Pf7b9EkCq5sITHHcLepbWzP+cKASDU+j3/ufcQuIIxQKxIsj/SoI6Nv
        MG0wHQYDVR0OBBYEFLdFjTir4GZBgx7TuC0dswEt9XUYMB8GA1UdIwQYMBaAFLdF
        jTir4GZBgx7TuC0dswEt9XUYMA8GA1UdEwEB/wQFMAMBAf8wGgYDVR0RBBMwEYIJ
        bG9jYWxob3N0hwR/AAABMAoGCCqGSM49BAMCA0cAMEQCIANKuxMh+ruXEgHE7MDx
        UmVkVEThPvl8OHB48Ln8Gsx6AiBlv3nVn/zmGPrAap2L7mqryFbHVwqi1pfXT9U2
        TpBT9w==
        -----END CERTIFICATE-----
        """

    static let key = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgn9Dqc0S6vCj/NnQf
        KA1DP+wFJ9Q7JK9LNfsxCyB3M06hRANCAARIPE2Lkd9l3qyz/Fq+WkuzcxGOEdm7
        Vj709/tv0SQKrmwhMcdwt6ltbM/5woBINT6Pf+59xC4gjFArEiyP9Kgj
        -----END PRIVATE KEY-----
        """
}
