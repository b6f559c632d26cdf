import Foundation
import NIOCore
import NIOHTTP1
import SimEngine

/// One connection's HTTP/1.1 requests: routes them, answers the cheap ones at once, and hands
/// completions to the real-time engine with a stream sink. Confined to its connection's loop;
/// what it asks of the server runs on the engine's loop (`ServerCore`).
final class SimHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private static let maxBodyBytes = ServerOptions.maxBodyBytes

    private let core: ServerCore
    private var head: HTTPRequestHead?
    /// When the request's head was read (ns since the engine's epoch): the truth log's `received`.
    private var receivedAt: Int64 = 0
    private var body: ByteBuffer?
    private var activeRequest: Int?
    private var tooLarge = false

    init(core: ServerCore) {
        self.core = core
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(requestHead):
            head = requestHead
            receivedAt = core.clock.now().sinceEpoch
            body = context.channel.allocator.buffer(capacity: 0)
            tooLarge = false
        case var .body(chunk):
            if (body?.readableBytes ?? 0) + chunk.readableBytes > Self.maxBodyBytes {
                tooLarge = true
            } else {
                body?.writeBuffer(&chunk)
            }
        case .end:
            guard let requestHead = head else { return }
            head = nil
            if tooLarge {
                respond(context, error: APIError(status: 413, message: "request body over \(Self.maxBodyBytes) bytes"))
                return
            }
            route(context, requestHead, body.map { Data($0.readableBytesView) } ?? Data())
            body = nil
        }
    }

    func channelActive(context: ChannelHandlerContext) {
        core.run(from: context) { server in
            server.connections += 1
            return server.connections > server.options.maxConnections
        } then: { over in
            if over { context.close(promise: nil) }
        }
        context.fireChannelActive()
    }

    /// Idle for `--idle-seconds` (no bytes either way): closed unless a request is still being served.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent, activeRequest == nil {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        let id = activeRequest
        activeRequest = nil
        core.run { server in
            server.connections -= 1
            if let id { server.engine.cancel(id) }
        }
        context.fireChannelInactive()
    }

    private func route(_ context: ChannelHandlerContext, _ head: HTTPRequestHead, _ body: Data) {
        let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
        if let key = core.options.apiKey, path.hasPrefix("/v1/"), head.headers["authorization"].first != "Bearer \(key)" {
            respond(
                context,
                error: APIError(
                    status: 401, message: "Unauthorized: send the server's key as Authorization: Bearer <key>",
                    type: "authentication_error", code: "invalid_api_key"))
            return
        }
        switch (head.method, path) {
        case (.GET, "/health"):
            core.run(from: context) { $0.draining } then: { draining in
                self.respond(context, status: draining ? .serviceUnavailable : .ok, contentType: "text/plain", body: draining ? "draining\n" : "ok\n")
            }
        case (.GET, "/v1/models"):
            core.run(from: context) { $0.modelsJSON() } then: { self.respond(context, status: .ok, contentType: "application/json", body: $0) }
        case (.GET, "/metrics"):
            core.run(from: context) { $0.prometheusText() } then: {
                self.respond(context, status: .ok, contentType: "text/plain; version=0.0.4", body: $0)
            }
        case (.POST, "/v1/completions"):
            complete(context, .completions, body)
        case (.POST, "/v1/chat/completions"):
            complete(context, .chat, body)
        case (_, "/health"), (_, "/v1/models"), (_, "/metrics"), (_, "/v1/completions"), (_, "/v1/chat/completions"):
            respond(context, error: APIError(status: 405, message: "method \(head.method) not allowed on \(path)"))
        default:
            respond(
                context,
                error: APIError(
                    status: 404, message: "no route \(path); try /v1/completions, /v1/chat/completions, /v1/models, /health or /metrics",
                    type: "NotFoundError"))
        }
    }

    private func complete(_ context: ChannelHandlerContext, _ endpoint: CompletionRequest.Endpoint, _ body: Data) {
        let received = receivedAt, options = core.options, clock = core.clock
        let makeSink = NIOLoopBound(
            { (id: Int, admission: StreamAdmission) -> StreamSink in
                self.activeRequest = id
                // Closed while the engine's loop admitted it: nothing will cancel it otherwise.
                if !context.channel.isActive { self.core.run { $0.engine.cancel(id) } }
                let prefix = endpoint == .chat ? "chatcmpl-" : "cmpl-"
                let bodies = ResponseBodies(
                    endpoint: endpoint, id: prefix + String(id, radix: 16), model: admission.request.model,
                    created: Int(Date().timeIntervalSince1970))
                return StreamSink(
                    requestID: id, request: admission.request, bodies: bodies, outputTokens: admission.outputTokens,
                    streamInterval: options.streamInterval, emitTimestamps: options.emitTimestamps,
                    faults: admission.faults, clock: clock, context: context
                ) { [weak self] in
                    if self?.activeRequest == id { self?.activeRequest = nil }
                }
            }, eventLoop: context.eventLoop)
        core.run(from: context) { server in
            Self.admit(server, endpoint, body, received: received, makeSink: makeSink)
        } then: { error in
            if let error { self.respond(context, error: error) }
        }
    }

    /// On the engine's loop: counts the request, draws its faults and length, and submits it;
    /// returns the error to answer instead.
    private static func admit(
        _ server: SimServerState, _ endpoint: CompletionRequest.Endpoint, _ body: Data, received: Int64,
        makeSink: NIOLoopBound<(Int, StreamAdmission) -> StreamSink>
    ) -> APIError? {
        if server.draining { return APIError(status: 503, message: "the server is shutting down", type: "server_error") }
        let count = server.engine.countRequest()
        if let limit = server.options.faults.crashAfterRequests, count > limit {
            FileHandle.standardError.write(Data("bench serve-sim: injected crash after \(limit) requests\n".utf8))
            exit(3)
        }
        let request: CompletionRequest
        do {
            request = try CompletionRequest(
                endpoint: endpoint, body: body, servedModels: server.servedModels,
                maxModelLength: server.cluster.config.maxModelLength, vocabulary: server.cluster.config.model.vocab)
        } catch {
            return error
        }
        let draw = server.draws(for: count)
        if draw.fail { return APIError(status: 500, message: "injected failure (--fail-rate)", type: "server_error") }
        let output = server.outputTokens(for: request, draw: draw)
        if let reason = server.engine.cluster.rejection(promptTokens: request.promptTokens, outputTokens: output) {
            return APIError.badRequest(reason + "; send a shorter prompt or max_tokens", param: "max_tokens")
        }
        server.engine.submit(
            StreamAdmission(request: request, outputTokens: output, faults: draw.faults), received: received, makeSink: makeSink)
        return nil
    }

    private func respond(_ context: ChannelHandlerContext, error: APIError) {
        let buffer = ResponseBodies.error(error, allocator: context.channel.allocator)
        respond(context, status: HTTPResponseStatus(statusCode: error.status), contentType: "application/json", buffer: buffer)
    }

    private func respond(_ context: ChannelHandlerContext, status: HTTPResponseStatus, contentType: String, body: String) {
        respond(context, status: status, contentType: contentType, buffer: context.channel.allocator.buffer(string: body))
    }

    private func respond(_ context: ChannelHandlerContext, status: HTTPResponseStatus, contentType: String, buffer: ByteBuffer) {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: contentType)
        headers.add(name: "content-length", value: String(buffer.readableBytes))
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
