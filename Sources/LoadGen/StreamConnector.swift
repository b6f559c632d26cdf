import Metrics
import NIOCore
import NIOPosix
import NIOSSL

/// A keep-alive streaming connection and its handler.
struct StreamConnection {
    let channel: Channel
    let handler: StreamConnectionHandler
}

/// Opens streaming connections to a target, for every driver that sends requests.
struct StreamConnector {
    let loop: EventLoop
    let target: LoadTarget
    let tls: NIOSSLContext?
    let timeoutSeconds: Double

    init(loop: EventLoop, target: LoadTarget, timeoutSeconds: Double) throws {
        self.loop = loop
        self.target = target
        self.timeoutSeconds = timeoutSeconds
        tls = target.secure ? try NIOSSLContext(configuration: .makeClientConfiguration()) : nil
    }

    /// `finished` is told when each request on it ends, with the channel when it can take another.
    func connect(finished: @escaping @Sendable (InFlightRequest, Int64, Channel?) -> Void) -> EventLoopFuture<StreamConnection> {
        let tls = tls
        // SNI names hosts only (NIOSSL refuses an IP address there); at an address the certificate
        // is checked against the address connected to instead.
        let serverName = (try? SocketAddress(ipAddress: target.host, port: 0)) == nil ? target.host : nil
        return ClientBootstrap(group: loop)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            // Never longer than the request timeout: a connect still pending after its request
            // timed out would hold the run's end until it gave up.
            .connectTimeout(.nanoseconds(min(10_000_000_000, CheckedNumbers.nanoseconds(timeoutSeconds))))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        StreamConnectionHandler { request, end, reusable in finished(request, end, reusable ? channel : nil) })
                }
            }
            .connect(host: target.host, port: target.port)
            .flatMapThrowing { channel in
                StreamConnection(channel: channel, handler: try channel.pipeline.syncOperations.handler(type: StreamConnectionHandler.self))
            }
    }
}
