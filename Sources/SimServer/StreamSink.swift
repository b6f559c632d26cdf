import NIOCore
import NIOHTTP1

/// One request's response on its connection: groups tokens by the stream interval, writes SSE
/// events (or the whole body when not streaming), and carries out the faults drawn for it.
/// Confined to its connection's event loop.
final class StreamSink {
    struct Faults {
        var disconnect = false
        var malformed = false
        var stall: TimeAmount?
    }

    let requestID: Int
    let request: CompletionRequest
    let bodies: ResponseBodies
    let streamInterval: Int
    let emitTimestamps: Bool
    let faults: Faults
    let outputTokens: Int
    private let clock: EngineClock
    private let context: ChannelHandlerContext
    private let onDone: () -> Void
    private var sent = 0
    private var pending = 0
    private var pendingScheduled: Int64 = 0
    private var faultDone = false
    private var stalledUntil: NIODeadline?
    /// A `--stall-ms` pause is running (its end writes straight from the timer; the truth log
    /// closes such a request's line at shutdown).
    var isStalled: Bool { stalledUntil != nil }
    private var finishedWhileStalled = false
    private var readyToWrite = false
    /// The readied event is the last one.
    private var finishing = false
    private(set) var closed = false

    init(
        requestID: Int, request: CompletionRequest, bodies: ResponseBodies, outputTokens: Int, streamInterval: Int,
        emitTimestamps: Bool, faults: Faults, clock: EngineClock, context: ChannelHandlerContext, onDone: @escaping () -> Void
    ) {
        self.clock = clock
        self.requestID = requestID
        self.request = request
        self.bodies = bodies
        self.outputTokens = outputTokens
        self.streamInterval = streamInterval
        self.emitTimestamps = emitTimestamps
        self.faults = faults
        self.context = context
        self.onDone = onDone
    }

    private var finishReason: String { outputTokens >= request.maxTokens ? "length" : "stop" }

    func start() {
        guard request.stream else { return }
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "text/event-stream")
        headers.add(name: "cache-control", value: "no-cache")
        // Not flushed: the head goes out with the first event, one write instead of two per request.
        context.write(NIOAny(HTTPServerResponsePart.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
    }

    /// Tokens the scheduler produced for this request at `scheduled` (ns since the engine's epoch).
    /// Returns whether an event is ready; the caller writes it with `flushIfNeeded` after the
    /// whole advance, so that an engine that fell behind sends one event per stream, not one per late step.
    func deliver(tokens: Int, finished: Bool, scheduled: Int64) -> Bool {
        guard !closed else { return false }
        pending += tokens
        pendingScheduled = scheduled
        guard request.stream else {
            if finished { writeComplete() }
            return false
        }
        if let until = stalledUntil {
            if finished { finishedWhileStalled = true }
            if NIODeadline.now() < until { return false }
            stalledUntil = nil
        }
        guard pending >= streamInterval || finished || finishedWhileStalled else { return false }
        finishing = finished || finishedWhileStalled
        if !faultDone && sent + pending >= outputTokens / 2 && !(finished && sent == 0 && outputTokens > 1) {
            faultDone = true
            if faults.disconnect {
                cut()
                return false
            }
            if let stall = faults.stall {
                stalledUntil = NIODeadline.now() + stall
                let sink = NIOLoopBound(self, eventLoop: context.eventLoop)
                context.eventLoop.scheduleTask(in: stall) {
                    sink.value.resumeAfterStall()
                }
                if finished { finishedWhileStalled = true }
                return false
            }
        }
        readyToWrite = true
        return true
    }

    /// Writes and flushes the event that `deliver` readied, stamping its emit time just before
    /// its own write, so that `--emit-timestamps` excludes the time spent on other streams.
    /// Returns that time (ns since the epoch), or nil when nothing was written.
    @discardableResult
    func flushIfNeeded() -> Int64? {
        guard readyToWrite, !closed else { return nil }
        readyToWrite = false
        let time = clock.now()
        var buffer = context.channel.allocator.buffer(capacity: 160 + 8 * pending)
        if faults.malformed && !faultDone {
            // A broken event in place of a real one; its tokens are lost to the client.
            buffer.writeStaticString("data: {\"id\":\"broken\",\"choices\":[{\"text\":\n\n")
            faultDone = true
        } else {
            bodies.writeChunk(
                into: &buffer, request: requestID, index: sent, tokens: pending,
                finishReason: finishing ? finishReason : nil, firstChat: sent == 0,
                timestamps: emitTimestamps ? (time.uptime, pendingScheduled) : nil)
        }
        sent += pending
        pending = 0
        if finishing {
            if request.includeUsage {
                bodies.writeUsageChunk(into: &buffer, promptTokens: request.promptTokens, completionTokens: sent)
            }
            buffer.writeStaticString("data: [DONE]\n\n")
        }
        context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(buffer))), promise: nil)
        if finishing {
            closed = true
            context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)), promise: nil)
            onDone()
        } else {
            context.flush()
        }
        return time.sinceEpoch
    }

    private func resumeAfterStall() {
        stalledUntil = nil
        _ = deliver(tokens: 0, finished: finishedWhileStalled, scheduled: pendingScheduled)
        flushIfNeeded()
    }

    /// The client went away: stop writing.
    func abandon() {
        guard !closed else { return }
        closed = true
        onDone()
    }

    /// Closes the connection mid-stream; the handler's channelInactive cancels the request.
    private func cut() {
        closed = true
        context.flush()
        context.close(promise: nil)
    }

    private func writeComplete() {
        var buffer = context.channel.allocator.buffer(capacity: 256 + 5 * outputTokens)
        bodies.writeComplete(into: &buffer, request: requestID, tokens: outputTokens, finishReason: finishReason, promptTokens: request.promptTokens)
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "content-length", value: String(buffer.readableBytes))
        context.write(NIOAny(HTTPServerResponsePart.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
        context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(buffer))), promise: nil)
        context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)), promise: nil)
        closed = true
        onDone()
    }
}
