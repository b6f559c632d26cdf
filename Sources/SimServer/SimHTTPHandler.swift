import Foundation
import NIOCore
import NIOHTTP1
import SimEngine

/// One connection's HTTP/1.1 requests: routes them, answers the cheap ones at once, and hands
/// completions to the real-time engine with a stream sink.
final class SimHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private static let maxBodyBytes = ServerOptions.maxBodyBytes

    private let server: SimServerState
    private var head: HTTPRequestHead?
    /// When the request's head was read (ns since the engine's epoch): the truth log's `received`.
    private var receivedAt: Int64 = 0
    private var body: ByteBuffer?
    private var activeRequest: Int?
    private var tooLarge = false

    init(server: SimServerState) {
        self.server = server
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(requestHead):
            head = requestHead
            receivedAt = server.engine.clock.now().sinceEpoch
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
        server.connections += 1
        if server.connections > server.options.maxConnections {
            context.close(promise: nil)
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
        server.connections -= 1
        if let id = activeRequest {
            activeRequest = nil
            server.engine.cancel(id)
        }
        context.fireChannelInactive()
    }

    private func route(_ context: ChannelHandlerContext, _ head: HTTPRequestHead, _ body: Data) {
        let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
        if let key = server.options.apiKey, path.hasPrefix("/v1/"), head.headers["authorization"].first != "Bearer \(key)" {
            respond(
                context,
                error: APIError(
                    status: 401, message: "Unauthorized: send the server's key as Authorization: Bearer <key>",
                    type: "authentication_error", code: "invalid_api_key"))
            return
        }
        switch (head.method, path) {
        case (.GET, "/health"):
            respond(
                context, status: server.draining ? .serviceUnavailable : .ok, contentType: "text/plain", body: server.draining ? "draining\n" : "ok\n"
            )
        case (.GET, "/v1/models"):
            respond(context, status: .ok, contentType: "application/json", body: server.modelsJSON())
        case (.GET, "/metrics"):
            respond(context, status: .ok, contentType: "text/plain; version=0.0.4", body: server.prometheusText())
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
        if server.draining {
            respond(context, error: APIError(status: 503, message: "the server is shutting down", type: "server_error"))
            return
        }
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
            respond(context, error: error)
            return
        }
        let draw = server.draws(for: count)
        if draw.fail {
            respond(context, error: APIError(status: 500, message: "injected failure (--fail-rate)", type: "server_error"))
            return
        }
        let output = server.outputTokens(for: request, draw: draw)
        if let reason = server.engine.cluster.rejection(promptTokens: request.promptTokens, outputTokens: output) {
            respond(context, error: APIError.badRequest(reason + "; send a shorter prompt or max_tokens", param: "max_tokens"))
            return
        }
        let options = server.options
        server.engine.submit(
            promptTokens: request.promptTokens, outputTokens: output, prefixBlocks: request.prefixBlocks, received: receivedAt
        ) { id in
            activeRequest = id
            let prefix = endpoint == .chat ? "chatcmpl-" : "cmpl-"
            let bodies = ResponseBodies(
                endpoint: endpoint, id: prefix + String(id, radix: 16), model: request.model,
                created: Int(Date().timeIntervalSince1970))
            return StreamSink(
                requestID: id, request: request, bodies: bodies, outputTokens: output,
                streamInterval: options.streamInterval, emitTimestamps: options.emitTimestamps,
                faults: draw.faults, clock: server.engine.clock, context: context
            ) { [weak self] in
                if self?.activeRequest == id { self?.activeRequest = nil }
            }
        }
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
