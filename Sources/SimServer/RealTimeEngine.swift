import Foundation
import NIOCore
import SimEngine

/// Runs the simulator's discrete-event core in real time on one event loop: requests are
/// stamped as they arrive, the core is advanced to "now" whenever its next event is due, and
/// each emission is written to its stream. Decisions depend only on stamped times, so the
/// virtual clock replays them exactly (see `TruthLog`).
final class RealTimeEngine {
    let loop: EventLoop
    let clock = EngineClock()
    private(set) var cluster: SimCluster
    private var sinks: [Int: StreamSink] = [:]
    private var nextID = 0
    /// The `until` of the last advance: new arrivals are stamped strictly after it.
    private var processedUntil: Int64 = -1
    private var timer: Scheduled<Void>?
    private var timerTime: Int64?
    private var emissions: [TokenEmission] = []
    private var written: [(sink: StreamSink, scheduled: Int64)] = []
    private let truthLog: TruthLog?
    private(set) var lag = EmitLag()
    private(set) var requestsReceived = 0

    init(cluster: SimCluster, loop: EventLoop, truthLogPath: String?) throws {
        self.cluster = cluster
        self.loop = loop
        truthLog = try truthLogPath.map { try TruthLog(path: $0) }
    }

    var activeStreams: Int { sinks.count }

    func countRequest() -> Int {
        requestsReceived += 1
        return requestsReceived
    }

    /// Admits a request now; `makeSink` builds its stream with the id the core assigned.
    /// `received` (when its head was read) goes to the truth log beside the core's arrival stamp.
    func submit(promptTokens: Int, outputTokens: Int, prefixBlocks: [UInt64], received: Int64, makeSink: (Int) -> StreamSink) {
        loop.preconditionInEventLoop()
        let id = nextID
        nextID += 1
        let stamp = max(clock.now().sinceEpoch, processedUntil + 1)
        let request = SimRequest(id: id, arrival: stamp, promptTokens: promptTokens, outputTokens: outputTokens, prefixBlocks: prefixBlocks)
        let sink = makeSink(id)
        sinks[id] = sink
        truthLog?.begin(request, received: received)
        sink.start()
        cluster.submit(request)
        advance(until: stamp)
    }

    /// The client went away, or a fault cut the stream: the core stops generating for it.
    func cancel(_ id: Int) {
        sinks.removeValue(forKey: id)
        cluster.cancel(requestID: id)
        truthLog?.end(id)
        rearm()
    }

    private func advance(until time: Int64) {
        processedUntil = max(processedUntil, time)
        emissions.removeAll(keepingCapacity: true)
        cluster.advance(until: time, into: &emissions)
        written.removeAll(keepingCapacity: true)
        for emission in emissions {
            truthLog?.record(emission)
            guard let sink = sinks[emission.requestID] else {
                if emission.finished { truthLog?.end(emission.requestID) }
                continue
            }
            if sink.deliver(tokens: emission.tokens, finished: emission.finished, scheduled: emission.time) {
                written.append((sink, emission.time))
            } else if emission.finished, !sink.isStalled {
                truthLog?.end(emission.requestID)  // not streamed, or the client is gone
            }
            if emission.finished { sinks.removeValue(forKey: emission.requestID) }
        }
        // Lateness counts from the hand-off to the kernel, not from formatting the event.
        for (sink, scheduled) in written {
            if let time = sink.flushIfNeeded() { truthLog?.written(sink.requestID, at: time, last: sink.closed) }
            lag.record(nanoseconds: clock.now().sinceEpoch - scheduled)
        }
        rearm()
    }

    private func rearm() {
        guard let next = cluster.nextEventTime else {
            timer?.cancel()
            timer = nil
            timerTime = nil
            return
        }
        if timerTime == next, timer != nil { return }
        timer?.cancel()
        timerTime = next
        let engine = NIOLoopBound(self, eventLoop: loop)
        timer = loop.scheduleTask(deadline: clock.deadline(next)) {
            engine.value.timerFired()
        }
    }

    private func timerFired() {
        timer = nil
        timerTime = nil
        advance(until: clock.now().sinceEpoch)
    }

    func closeTruthLog() {
        truthLog?.close()
    }
}
