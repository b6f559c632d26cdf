import Metrics
import NIOCore

/// Sends a `ReplaySchedule` over HTTP on one event loop: the schedule says what is due, this
/// sends it through the streaming client (one keep-alive connection per stream in flight),
/// wakes at the schedule's next timer and tells it each request's end. Every member is touched
/// only on `loop` (as in LoadDriver).
final class TraceReplayDriver: @unchecked Sendable {
    private let loop: EventLoop
    private let settings: TraceReplaySettings
    private let encoder: RequestEncoder
    private let connector: StreamConnector
    private var schedule: ReplaySchedule
    private var idle: [StreamConnection] = []
    private var inFlight: [Int: (request: InFlightRequest, replay: ReplayRequest, handler: StreamConnectionHandler?)] = [:]
    private var results: [ReplayedRequest] = []
    private var wakeup: Scheduled<Void>?
    private var stopping = false
    private var warmups = 0
    private var warmupFailures = 0
    private var interrupted = 0
    private var peakInFlight = 0
    private var done: EventLoopPromise<TraceReplayOutcome>?

    init(loop: EventLoop, settings: TraceReplaySettings) throws {
        self.loop = loop
        self.settings = settings
        encoder = RequestEncoder(
            target: settings.target, workload: Workload(endpoint: .completions, model: settings.model, inputLength: 1, outputLength: 1),
            apiKey: settings.apiKey)
        connector = try StreamConnector(loop: loop, target: settings.target, timeoutSeconds: settings.timeoutSeconds)
        schedule = ReplaySchedule(traces: settings.traces, settings: settings.replay)
    }

    func run() -> EventLoopFuture<TraceReplayOutcome> {
        loop.assertInEventLoop()
        let promise = loop.makePromise(of: TraceReplayOutcome.self)
        done = promise
        send(schedule.start(at: Clock.now()))
        return promise.futureResult
    }

    /// Stops sending; in-flight requests get `grace` seconds, then are cut and left out as interrupted.
    func stop(grace: Double) {
        loop.assertInEventLoop()
        guard !stopping, done != nil else { return }
        stopping = true
        wakeup?.cancel()
        loop.scheduleTask(in: .nanoseconds(CheckedNumbers.nanoseconds(grace))) {
            for (request, _, handler) in self.inFlight.values {
                request.interrupted = true
                self.interrupted += 1
                if let handler { handler.abort(.connection, "interrupted") } else { self.finished(request, end: Clock.now(), connection: nil) }
            }
        }
        finishIfDone()
    }

    func snapshot() -> (finished: Int, inFlight: Int, profiling: Bool) {
        (results.count, inFlight.count, schedule.profilingStart != nil)
    }

    private func send(_ due: [ReplayRequest]) {
        guard !stopping else { return finishIfDone() }
        for replay in due { send(replay) }
        wakeup?.cancel()
        wakeup = schedule.nextWakeup.map { time in
            loop.scheduleTask(deadline: .uptimeNanoseconds(UInt64(max(time, 0)))) { self.send(self.schedule.advance(to: Clock.now())) }
        }
        finishIfDone()
    }

    private func send(_ replay: ReplayRequest) {
        let plan = PlannedRequest(
            index: replay.id, prompt: .tokenIDs(ReplayPrompt.tokenIDs(replay, seed: settings.replay.seed, vocabulary: settings.vocabularySize)),
            promptTokens: replay.promptTokens, outputTokens: replay.maxTokens)
        let request = InFlightRequest(plan: plan, warmup: replay.isWarmup, intendedStart: replay.sendAt)
        inFlight[replay.id] = (request, replay, nil)
        if !replay.isWarmup { peakInFlight = max(peakInFlight, inFlight.values.count { !$0.replay.isWarmup }) }
        let timeout = settings.timeoutSeconds
        request.timeout = loop.scheduleTask(in: .nanoseconds(CheckedNumbers.nanoseconds(timeout))) {
            guard let entry = self.inFlight[replay.id] else { return }
            if let handler = entry.handler {
                handler.abort(.timeout, "no complete response within \(timeout) s")
            } else {
                request.start = Clock.now()
                request.fail(.timeout, "no complete response within \(timeout) s (still connecting)")
                self.finished(request, end: request.start, connection: nil)
            }
        }
        let bytes = encoder.encode(plan, allocator: ByteBufferAllocator())
        takeConnection().whenComplete { result in
            switch result {
            case .success(let connection):
                guard self.inFlight[replay.id] != nil else { return connection.channel.close(promise: nil) }
                self.inFlight[replay.id]?.handler = connection.handler
                connection.handler.send(request, bytes: bytes)
            case .failure(let error):
                request.start = Clock.now()
                request.fail(.connection, "cannot connect to \(self.settings.target.host):\(self.settings.target.port): \(error)")
                self.finished(request, end: request.start, connection: nil)
            }
        }
    }

    private func takeConnection() -> EventLoopFuture<StreamConnection> {
        while let connection = idle.popLast() {
            if connection.handler.isActive { return loop.makeSucceededFuture(connection) }
        }
        return connector.connect { request, end, channel in self.finished(request, end: end, connection: channel) }
    }

    private func finished(_ request: InFlightRequest, end: Int64, connection channel: Channel?) {
        let id = request.plan.index
        guard let (_, replay, handler) = inFlight.removeValue(forKey: id) else { return }
        request.timeout?.cancel()
        if let channel, let handler { idle.append(StreamConnection(channel: channel, handler: handler)) }
        let measured = request.measured(end: end)
        let overflow = ContextOverflow.matches(status: request.status, body: request.errorBody)
        if request.interrupted {
            // cut by stop(): not a measurement
        } else if replay.isWarmup {
            warmups += 1
            if measured.record.error != nil { warmupFailures += 1 }
        } else {
            results.append(
                ReplayedRequest(
                    measured: measured, lane: replay.lane, trace: replay.trace, agent: replay.agent, turn: replay.turn,
                    theoreticalCachedTokens: replay.theoreticalCachedTokens, contextOverflow: overflow))
        }
        send(schedule.finished(id: id, at: end, succeeded: measured.record.succeeded, contextOverflow: overflow))
    }

    private func finishIfDone() {
        guard let done, inFlight.isEmpty, stopping || schedule.isDone else { return }
        self.done = nil
        wakeup?.cancel()
        for connection in idle { connection.channel.close(promise: nil) }
        idle.removeAll()
        done.succeed(
            TraceReplayOutcome(
                requests: results, warmups: warmups, warmupFailures: warmupFailures, interrupted: interrupted, peakInFlight: peakInFlight))
    }
}
