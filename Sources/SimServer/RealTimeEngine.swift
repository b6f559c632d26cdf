import Foundation
import NIOCore
import SimEngine

/// Runs the simulator's discrete-event core in real time on one event loop: requests are
/// stamped as they arrive, the core is advanced to "now" whenever its next event is due, and
/// each emission is handed to the writer of the loop that owns its stream (inline when that is
/// this loop). Decisions depend only on stamped times, so the virtual clock replays them
/// exactly (see `TruthLog`), however many loops write the events.
final class RealTimeEngine {
    let loop: EventLoop
    let clock = EngineClock()
    private(set) var cluster: SimCluster
    private var routes: [Int: SinkRoute] = [:]
    /// One per loop of the server; `home` is this loop's.
    private let writers: [EventWriter]
    private let home: EventWriter
    /// Emissions for other loops' writers during one advance, by writer.
    private var batches: [ObjectIdentifier: (writer: EventWriter, items: [(route: SinkRoute, emission: TokenEmission)])] = [:]
    private var nextID = 0
    /// The `until` of the last advance: new arrivals are stamped strictly after it.
    private var processedUntil: Int64 = -1
    private var timer: Scheduled<Void>?
    private var timerTime: Int64?
    private var emissions: [TokenEmission] = []
    private let truthLog: TruthLog?
    private(set) var lag = EmitLag()
    private(set) var requestsReceived = 0

    /// `loops`: every loop of the server (connections live on any of them), this one included.
    init(cluster: SimCluster, loop: EventLoop, loops: [EventLoop], truthLogPath: String?) throws {
        self.cluster = cluster
        self.loop = loop
        let clock = clock
        home = EventWriter(loop: loop, clock: clock)
        writers = [home] + loops.filter { $0 !== loop }.map { EventWriter(loop: $0, clock: clock) }
        truthLog = try truthLogPath.map { try TruthLog(path: $0) }
    }

    var activeStreams: Int { routes.count }

    var loops: [EventLoop] { writers.map(\.loop) }

    func countRequest() -> Int {
        requestsReceived += 1
        return requestsReceived
    }

    /// Admits a request now; `makeSink` builds its stream on its connection's loop with the id
    /// the core assigned (before any of its events, which reach that loop after it). `received`
    /// (when its head was read) goes to the truth log beside the core's arrival stamp.
    func submit(
        _ admission: StreamAdmission, received: Int64, makeSink: NIOLoopBound<(Int, StreamAdmission) -> StreamSink>
    ) {
        loop.preconditionInEventLoop()
        let id = nextID
        nextID += 1
        let stamp = max(clock.now().sinceEpoch, processedUntil + 1)
        let request = SimRequest(
            id: id, arrival: stamp, promptTokens: admission.request.promptTokens, outputTokens: admission.outputTokens,
            prefixBlocks: admission.request.prefixBlocks)
        // Connections live only on the server's loops, so one of them is the sink's.
        let route = SinkRoute(writer: writers.first { $0.loop === makeSink.eventLoop } ?? home)
        routes[id] = route
        truthLog?.begin(request, received: received)
        if route.writer === home {
            let sink = makeSink.value(id, admission)
            route.sink = sink
            sink.start()
        } else {
            makeSink.eventLoop.execute {
                let sink = makeSink.value(id, admission)
                route.sink = sink
                sink.start()
            }
        }
        cluster.submit(request)
        advance(until: stamp)
    }

    /// The client went away, or a fault cut the stream: the core stops generating for it.
    func cancel(_ id: Int) {
        routes.removeValue(forKey: id)
        cluster.cancel(requestID: id)
        truthLog?.end(id)
        rearm()
    }

    private func advance(until time: Int64) {
        processedUntil = max(processedUntil, time)
        emissions.removeAll(keepingCapacity: true)
        cluster.advance(until: time, into: &emissions)
        for emission in emissions {
            truthLog?.record(emission)
            guard let route = routes[emission.requestID] else {
                if emission.finished { truthLog?.end(emission.requestID) }
                continue
            }
            if route.writer === home, let sink = route.sink {
                home.deliver(sink, tokens: emission.tokens, finished: emission.finished, scheduled: emission.time)
            } else {
                batches[ObjectIdentifier(route.writer), default: (route.writer, [])].items.append((route, emission))
            }
            if emission.finished { routes.removeValue(forKey: emission.requestID) }
        }
        home.flush()
        apply(home.report)
        home.report.removeAll()
        if !batches.isEmpty { sendBatches() }
        rearm()
    }

    /// Each other loop writes its streams' events in one task and sends back what it wrote.
    private func sendBatches() {
        let engine = NIOLoopBound(self, eventLoop: loop)
        for (writer, batch) in batches.values {
            writer.loop.execute {
                for (route, emission) in batch {
                    guard let sink = route.sink else { continue }
                    writer.deliver(sink, tokens: emission.tokens, finished: emission.finished, scheduled: emission.time)
                }
                writer.flush()
                let report = writer.report
                writer.report = EventWriter.Report()
                if !report.isEmpty { engine.eventLoop.execute { engine.value.apply(report) } }
            }
        }
        batches.removeAll(keepingCapacity: true)
    }

    private func apply(_ report: EventWriter.Report) {
        for id in report.ended { truthLog?.end(id) }
        for event in report.written { truthLog?.written(event.id, at: event.time, last: event.last) }
        for late in report.lags { lag.record(nanoseconds: late) }
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
