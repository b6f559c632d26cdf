import DequeModule
import Metrics
import NIOCore
import NIOPosix
import NIOSSL

/// Runs one lane of a load on one event loop: its arrivals, its share of the concurrency cap, a
/// pool of keep-alive connections (one per in-flight stream, opened as needed, no other cap),
/// timeouts and stop. Every member is touched only on `loop`, which is what makes the unchecked
/// Sendable sound (the same holds for InFlightRequest and StreamConnectionHandler).
final class LoadDriver: @unchecked Sendable {
    private typealias Connection = StreamConnection

    let loop: EventLoop
    private let settings: LoadSettings
    private let lane: LoadLane
    /// This lane's share of the concurrency cap.
    private let cap: Int?
    private let encoder: RequestEncoder
    private let connector: StreamConnector
    private var idle: [Connection] = []
    private var pending = Deque<(PlannedRequest, Int64)>()
    private var inFlight: [ObjectIdentifier: (InFlightRequest, StreamConnectionHandler?)] = [:]
    private var results: [MeasuredRequest] = []
    private var progress = LoadProgress()
    private var phaseStart: Int64 = 0

    private var warmup = false
    /// Measured requests not yet issued (nil: until the duration ends).
    private var remaining: Int?
    private var issueUntil: Int64 = .max
    private var nextIndex = 0
    private var offsets: LoadLane.Offsets?
    private var nextOffset: Double?
    private var arrivalTimer: Scheduled<Void>?
    private var started = false
    private var stopping = false
    private var interrupted = 0
    private var peakInFlight = 0
    private var unsent = 0
    private var cpuAtMeasuredStart = 0.0
    private var warmupFailures = 0
    private var warmedUp: EventLoopPromise<Void>?
    private var done: EventLoopPromise<LoadOutcome>?

    init(loop: EventLoop, settings: LoadSettings, lane: LoadLane = .only) throws {
        self.loop = loop
        self.settings = settings
        self.lane = lane
        cap = settings.maxConcurrency.map(lane.share(of:))
        encoder = RequestEncoder(target: settings.target, workload: settings.workload, apiKey: settings.apiKey)
        connector = try StreamConnector(loop: loop, target: settings.target, timeoutSeconds: settings.timeoutSeconds)
    }

    // MARK: running

    /// Opens the lane's connections and sends its warmups; succeeds when they are done (or stopped).
    func prepare() -> EventLoopFuture<Void> {
        loop.assertInEventLoop()
        started = true
        let promise = loop.makePromise(of: Void.self)
        warmedUp = promise
        // With a cap, every stream's connection is open before the first request.
        let total: Int? = if case .prompts(let count) = settings.length { max(lane.share(of: count), lane.share(of: settings.warmups)) } else { nil }
        openConnections(cap.map { min($0, total ?? $0) } ?? 0).whenComplete { _ in self.startWarmup() }
        return promise.futureResult
    }

    /// Runs the measured phase from `start` (shared by every lane, so arrivals and `--duration`
    /// keep one schedule) and returns what this lane measured.
    func measure(from start: Int64) -> EventLoopFuture<LoadOutcome> {
        loop.assertInEventLoop()
        let promise = loop.makePromise(of: LoadOutcome.self)
        done = promise
        startMeasured(at: start)
        return promise.futureResult
    }

    /// Stops issuing; in-flight requests get `grace` seconds, then are cut and left out as interrupted.
    func stop(grace: Double) {
        loop.assertInEventLoop()
        guard !stopping, started else { return }
        stopping = true
        pending.removeAll()
        arrivalTimer?.cancel()
        loop.scheduleTask(in: .nanoseconds(CheckedNumbers.nanoseconds(grace))) {
            for (request, handler) in self.inFlight.values {
                request.interrupted = true
                self.interrupted += 1
                if let handler { handler.abort(.connection, "interrupted") } else { self.finished(request, end: Clock.now(), connection: nil) }
            }
        }
        if warmup, inFlight.isEmpty { warmupDone() }
        finishIfDone()
    }

    func snapshot() -> LoadProgress {
        loop.assertInEventLoop()
        var copy = progress
        copy.inFlight = inFlight.count
        // Tokens still streaming count too, so the rate does not jump at each completion.
        if !warmup { copy.outputTokens = inFlight.values.reduce(copy.outputTokens) { $0.addingSaturated($1.0.events.count) } }
        copy.elapsedSeconds = phaseStart == 0 ? 0 : Double(Clock.now() - phaseStart) / 1e9
        if !warmup { copy.clientCPUSeconds = ThreadCPU.seconds() - cpuAtMeasuredStart }
        return copy
    }

    private func startWarmup() {
        let indices = lane.items(below: settings.warmups)
        guard !stopping, lane.share(of: settings.warmups) > 0 else { return warmupDone() }
        warmup = true
        progress.warmingUp = true
        phaseStart = Clock.now()
        for index in indices { pending.append((settings.workload.request(index, warmup: true), phaseStart)) }
        dispatch()
    }

    private func warmupDone() {
        warmup = false
        warmedUp?.succeed()
        warmedUp = nil
    }

    private func startMeasured(at start: Int64) {
        guard !stopping else { return finishIfDone() }
        progress = LoadProgress()
        phaseStart = start
        cpuAtMeasuredStart = ThreadCPU.seconds()
        nextIndex = lane.index
        switch settings.length {
        case .prompts(let count):
            remaining = lane.share(of: count)
            progress.total = remaining
            offsets = LoadLane.Offsets(all: settings.arrivals.offsets(count: count, seed: settings.workload.seed), lane: lane)
        case .duration(let seconds):
            remaining = nil
            issueUntil = phaseStart.addingSaturated(CheckedNumbers.nanoseconds(seconds))
            offsets = LoadLane.Offsets(all: settings.arrivals.offsets(count: .max, seed: settings.workload.seed), lane: lane)
        }
        if settings.arrivals.rate == nil { dispatch() } else { scheduleArrivals() }
        finishIfDone()
    }

    /// Open loop: move every arrival that is due into the queue, then wait for the next one.
    private func scheduleArrivals() {
        while !stopping, canIssue(at: Clock.now()) {
            if nextOffset == nil { nextOffset = offsets?.next() }
            guard let offset = nextOffset else { break }
            let intended = phaseStart.addingSaturated(CheckedNumbers.nanoseconds(offset))
            guard intended <= Clock.now() else {
                arrivalTimer = loop.scheduleTask(deadline: .uptimeNanoseconds(UInt64(intended))) { self.scheduleArrivals() }
                dispatch()
                return
            }
            nextOffset = nil
            enqueueNext(intended: intended)
        }
        dispatch()
        finishIfDone()
    }

    private func canIssue(at time: Int64) -> Bool {
        if let remaining { return remaining > 0 }
        return time < issueUntil
    }

    private func enqueueNext(intended: Int64) {
        pending.append((settings.workload.request(nextIndex), intended))
        nextIndex += lane.count
        if let left = remaining { remaining = left - 1 }
    }

    /// Sends queued requests while slots are free; closed loop issues a new one per free slot.
    private func dispatch() {
        let cap = warmup ? min(self.cap ?? .max, max(lane.share(of: settings.warmups), 1)) : self.cap ?? .max
        if !warmup, remaining == nil, Clock.now() >= issueUntil, !pending.isEmpty {
            // --duration is over: arrivals still waiting for a slot are never sent, only counted.
            unsent += pending.count
            pending.removeAll()
        }
        while inFlight.count < cap, !stopping {
            if pending.isEmpty, !warmup, settings.arrivals.rate == nil, canIssue(at: Clock.now()) {
                enqueueNext(intended: Clock.now())
            }
            guard let (plan, intended) = pending.popFirst() else { break }
            send(InFlightRequest(plan: plan, warmup: warmup, intendedStart: intended))
        }
        if warmup, pending.isEmpty, inFlight.isEmpty { warmupDone() }
    }

    private func send(_ request: InFlightRequest) {
        let key = ObjectIdentifier(request)
        inFlight[key] = (request, nil)
        if !warmup { peakInFlight = max(peakInFlight, inFlight.count) }
        let timeout = TimeAmount.nanoseconds(CheckedNumbers.nanoseconds(settings.timeoutSeconds))
        // The timeout covers connecting (TCP and TLS) as well as the response.
        request.timeout = loop.scheduleTask(in: timeout) {
            let message = "no complete response within \(self.settings.timeoutSeconds) s"
            guard let (request, handler) = self.inFlight[key] else { return }
            if let handler {
                handler.abort(.timeout, message)
            } else {
                request.start = Clock.now()
                request.fail(.timeout, message + " (still connecting)")
                self.finished(request, end: request.start, connection: nil)
            }
        }
        let bytes = encoder.encode(request.plan, allocator: ByteBufferAllocator())
        takeConnection().whenComplete { result in
            switch result {
            case .success(let connection):
                guard self.inFlight[key] != nil else { return connection.channel.close(promise: nil) }  // timed out while connecting
                self.inFlight[key] = (request, connection.handler)
                connection.handler.send(request, bytes: bytes)
            case .failure(let error):
                request.start = Clock.now()
                request.fail(.connection, "cannot connect to \(self.settings.target.host):\(self.settings.target.port): \(error)")
                self.finished(request, end: request.start, connection: nil)
            }
        }
    }

    private func takeConnection() -> EventLoopFuture<Connection> {
        while let connection = idle.popLast() {
            if connection.handler.isActive { return loop.makeSucceededFuture(connection) }
        }
        return connect()
    }

    private func openConnections(_ count: Int) -> EventLoopFuture<Void> {
        guard count > 0 else { return loop.makeSucceededVoidFuture() }
        let opened = (0..<count).map { _ in connect().map { self.idle.append($0) } }
        return EventLoopFuture.whenAllComplete(opened, on: loop).map { _ in }
    }

    private func connect() -> EventLoopFuture<Connection> {
        connector.connect { request, end, channel in self.finished(request, end: end, connection: channel) }
    }

    private func finished(_ request: InFlightRequest, end: Int64, connection channel: Channel?) {
        let key = ObjectIdentifier(request)
        guard let (_, handler) = inFlight.removeValue(forKey: key) else { return }
        request.timeout?.cancel()
        if let channel, let handler { idle.append(Connection(channel: channel, handler: handler)) }
        let measured = request.measured(end: end)
        if request.interrupted {
            // cut by stop(): not a measurement
        } else if request.warmup {
            if measured.record.error != nil { warmupFailures += 1 }
        } else {
            results.append(measured)
            progress.finished += 1
            if !measured.record.succeeded { progress.failed += 1 }
            progress.outputTokens = progress.outputTokens.addingSaturated(measured.record.succeeded ? measured.record.outputTokens : 0)
        }
        dispatch()
        finishIfDone()
    }

    private func finishIfDone() {
        guard let done, !warmup || stopping, inFlight.isEmpty, pending.isEmpty, stopping || !canIssue(at: Clock.now()) else { return }
        self.done = nil
        arrivalTimer?.cancel()
        for connection in idle { connection.channel.close(promise: nil) }
        idle.removeAll()
        let sorted = results.sorted { $0.record.index < $1.record.index }
        let cpu = ThreadCPU.seconds() - cpuAtMeasuredStart
        done.succeed(
            LoadOutcome(
                requests: sorted, warmupFailures: warmupFailures, interrupted: interrupted, unsent: unsent, peakInFlight: peakInFlight,
                clientCPUSeconds: cpu, loopCPUSeconds: [cpu]))
    }
}

/// What a run measured: the measured requests in index order (warmups left out) and what was not measured.
public struct LoadOutcome: Sendable {
    public var requests: [MeasuredRequest]
    public var warmupFailures: Int
    /// In flight when the run was stopped and cut after the grace period; not in `requests`.
    public var interrupted: Int
    /// Open loop with `--duration` and a cap: arrivals still queued for a slot when the time
    /// was up, never sent (a sign the cap, not the rate, set the load).
    public var unsent: Int
    /// The most measured requests in flight at once.
    public var peakInFlight: Int
    /// CPU the client's event-loop threads (its whole hot path) used while measuring.
    public var clientCPUSeconds: Double
    /// The same per event loop; request k was on loop k mod `loopCPUSeconds.count`.
    public var loopCPUSeconds: [Double]
}
