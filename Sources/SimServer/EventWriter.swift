import NIOCore

/// Writes the token events of the connections that live on one event loop, and reports what it
/// wrote to the engine. Confined to `loop`: the engine hands it emissions inline when they share
/// a loop, else in one task per engine advance, so no lock or shared counter is on the per-event path.
final class EventWriter: @unchecked Sendable {
    struct Report: Sendable {
        /// Events handed to the kernel: request, time (ns since the epoch), whether it was the stream's last.
        var written: [(id: Int, time: Int64, last: Bool)] = []
        /// Requests whose last emission was not streamed, or whose client is gone.
        var ended: [Int] = []
        /// Actual − scheduled write time of each event, ns.
        var lags: [Int64] = []

        var isEmpty: Bool { written.isEmpty && ended.isEmpty && lags.isEmpty }

        mutating func removeAll() {
            written.removeAll(keepingCapacity: true)
            ended.removeAll(keepingCapacity: true)
            lags.removeAll(keepingCapacity: true)
        }
    }

    let loop: EventLoop
    private let clock: EngineClock
    private var ready: [(sink: StreamSink, scheduled: Int64)] = []
    var report = Report()

    init(loop: EventLoop, clock: EngineClock) {
        self.loop = loop
        self.clock = clock
    }

    func deliver(_ sink: StreamSink, tokens: Int, finished: Bool, scheduled: Int64) {
        if sink.deliver(tokens: tokens, finished: finished, scheduled: scheduled) {
            ready.append((sink, scheduled))
        } else if finished, !sink.isStalled {
            report.ended.append(sink.requestID)
        }
    }

    /// Writes every event `deliver` readied, after the whole batch, so that an engine that fell
    /// behind sends one event per stream, not one per late step. Lateness counts from the
    /// hand-off to the kernel, not from formatting the event.
    func flush() {
        for (sink, scheduled) in ready {
            if let time = sink.flushIfNeeded() { report.written.append((sink.requestID, time, sink.closed)) }
            report.lags.append(clock.now().sinceEpoch - scheduled)
        }
        ready.removeAll(keepingCapacity: true)
    }
}

/// Where a request's events go: its sink, built on and touched only by its connection's loop
/// (`writer.loop`); the engine's loop only holds the route.
final class SinkRoute: @unchecked Sendable {
    let writer: EventWriter
    var sink: StreamSink?

    init(writer: EventWriter) {
        self.writer = writer
    }
}

/// What the engine's loop decided for a completion request, for its sink on the connection's loop.
struct StreamAdmission: Sendable {
    var request: CompletionRequest
    var outputTokens: Int
    var faults: StreamSink.Faults
}
