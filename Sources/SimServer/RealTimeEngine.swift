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
    private let truthLog: TruthLog?
    private(set) var lag = LagHistogram()
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
    func submit(promptTokens: Int, outputTokens: Int, makeSink: (Int) -> StreamSink) {
        loop.preconditionInEventLoop()
        let id = nextID
        nextID += 1
        let stamp = max(clock.now().sinceEpoch, processedUntil + 1)
        let request = SimRequest(id: id, arrival: stamp, promptTokens: promptTokens, outputTokens: outputTokens)
        let sink = makeSink(id)
        sinks[id] = sink
        truthLog?.begin(request)
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
        for emission in emissions {
            truthLog?.record(emission)
            guard let sink = sinks[emission.requestID] else { continue }
            if let late = sink.deliver(tokens: emission.tokens, finished: emission.finished, scheduled: emission.time) {
                lag.record(nanoseconds: late)
            }
            if emission.finished { sinks.removeValue(forKey: emission.requestID) }
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
        timer = loop.scheduleTask(deadline: clock.deadline(next)) { [self] in
            timer = nil
            timerTime = nil
            advance(until: clock.now().sinceEpoch)
        }
    }

    func closeTruthLog() {
        truthLog?.close()
    }
}

/// How late token events were written relative to their scheduled time, for `/metrics` and `bench perf sim-server`.
struct LagHistogram {
    static let bounds: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05]
    var counts = [Int](repeating: 0, count: bounds.count + 1)
    var sum = 0.0
    var total = 0

    mutating func record(nanoseconds: Int64) {
        let seconds = Double(max(0, nanoseconds)) / 1e9
        sum += seconds
        total += 1
        counts[Self.bounds.firstIndex { seconds <= $0 } ?? Self.bounds.count] += 1
    }
}
