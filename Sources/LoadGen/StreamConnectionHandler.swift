import Metrics
import NIOCore

/// One keep-alive connection carrying one streaming request at a time. Bytes are parsed in
/// place as they arrive and every event is stamped with the time its read began, on the loop.
final class StreamConnectionHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Told when the request ends; `reusable` says whether the connection can take another.
    let finished: (InFlightRequest, Int64, _ reusable: Bool) -> Void
    private var context: ChannelHandlerContext?
    private var request: InFlightRequest?
    private var parser = HTTPResponseParser()
    private var scanner = SSEScanner()

    init(finished: @escaping (InFlightRequest, Int64, Bool) -> Void) {
        self.finished = finished
    }

    var isActive: Bool { context?.channel.isActive ?? false }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// Sends `bytes` for `request`; its start is stamped just before the write.
    func send(_ request: InFlightRequest, bytes: ByteBuffer) {
        guard let context, context.channel.isActive else {
            request.start = Clock.now()
            request.fail(.connection, "the connection closed before the request was sent")
            finished(request, request.start, false)
            return
        }
        self.request = request
        parser.reset()
        scanner.reset()
        request.start = Clock.now()
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenSuccess { request.written = Clock.now() }
        context.writeAndFlush(wrapOutboundOut(bytes), promise: written)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let time = Clock.now()
        guard let request else { return }
        let buffer = unwrapInboundIn(data)
        do {
            let ended = try buffer.withUnsafeReadableBytes { bytes in
                try parser.feed(bytes) { body, status in
                    request.status = status
                    if (200..<300).contains(status) {
                        guard !request.overLimit else { return }
                        let fits = scanner.feed(body, time: time) { line, lineTime in
                            if !request.overLimit { request.apply(StreamEvent(line: line), at: lineTime) }
                        }
                        if !fits { request.failLimit("an SSE line over \(LoadLimits.sseLineBytes) bytes") }
                    } else if request.errorBody.count < 1024 {
                        request.errorBody.append(contentsOf: body.prefix(1024 - request.errorBody.count))
                    }
                }
            }
            if request.status == nil, let head = parser.head { request.status = head.status }
            if request.overLimit {
                end(time: time, reusable: false, context: context)
            } else if ended {
                end(time: time, reusable: parser.head?.keepAlive ?? false, context: context)
            }
        } catch HTTPResponseParser.Failure.headTooLarge {
            request.failLimit("a response head over \(LoadLimits.headBytes) bytes")
            end(time: time, reusable: false, context: context)
        } catch {
            request.fail(.malformed, "the response is not valid HTTP/1.1: \(error)")
            end(time: time, reusable: false, context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        guard let request else { return }
        if !parser.endsAtClose {
            request.fail(.connection, "the server closed the connection before the response ended")
        }
        end(time: Clock.now(), reusable: false, context: context)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        request?.fail(.connection, "connection error: \(error)")
        context.close(promise: nil)
    }

    /// Ends the current request now (timeout or interruption); the connection is closed.
    func abort(_ kind: RequestError.Kind, _ message: String) {
        guard let request, let context else { return }
        request.fail(kind, message)
        end(time: Clock.now(), reusable: false, context: context)
    }

    private func end(time: Int64, reusable: Bool, context: ChannelHandlerContext) {
        guard let request else { return }
        self.request = nil
        let keep = reusable && request.error == nil && context.channel.isActive
        if !keep { context.close(promise: nil) }
        finished(request, time, keep)
    }
}

enum Clock {
    /// CLOCK_MONOTONIC nanoseconds, the clock every timestamp of a run uses.
    static func now() -> Int64 { Int64(NIODeadline.now().uptimeNanoseconds) }
}
