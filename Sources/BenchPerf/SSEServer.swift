#if canImport(Glibc)
import Glibc
import Foundation
import LoadGen

/// `bench perf sse-server`: the cheapest HTTP/1.1 server of OpenAI-style token streams that this
/// machine's kernel allows, so that `bench perf client` measures the client, not the server.
/// One thread and poll(2); keep-alive `POST /v1/completions` answered with pre-formatted chunked
/// SSE events, one token each, stamped with `bench_emit_ns` (CLOCK_MONOTONIC, as serve-sim's
/// `--emit-timestamps`). Per send its work is one clock read, the digits, one send(2): the
/// loopback-floor writer with HTTP around it. Every `interval` (a decode step) each ready stream
/// gets one send of `eventsPerWrite` events; interval 0 steps as fast as the readers take them.
/// 127.0.0.1 only.
public final class SSEServer: @unchecked Sendable {
    public struct Figures: Sendable {
        public var events: Int
        public var requests: Int
        /// CPU seconds of the serving thread.
        public var cpuSeconds: Double
    }

    public let port: Int
    private let listener: LoopbackListener
    private let intervalNanoseconds: UInt64
    private let sendBufferBytes: Int32?
    private let maxStreams: Int
    private let eventsPerWrite: Int
    private let stopPipe: (read: Int32, write: Int32)

    /// Binds now (so `port` is known before `serve`); `sendBufferBytes` caps each stream's
    /// kernel backlog (SO_SNDBUF), nil keeps the kernel's default; connections past `maxStreams`
    /// are closed as soon as accepted.
    public init(port: Int, intervalMicroseconds: Int, eventsPerWrite: Int, sendBufferBytes: Int?, maxStreams: Int) throws {
        guard maxStreams >= 1, (1...256).contains(eventsPerWrite) else { throw PerfError("sse-server: at least one stream, 1–256 events per write") }
        guard (0...60_000_000).contains(intervalMicroseconds) else { throw PerfError("sse-server: the interval must be 0–60 s") }
        guard (sendBufferBytes ?? 4096) >= 4096, (sendBufferBytes ?? 0) <= 1 << 26 else {
            throw PerfError("sse-server: the send buffer must be 4 KiB–64 MiB")
        }
        listener = try LoopbackListener(port: port, nonBlocking: true)
        self.port = listener.port
        intervalNanoseconds = UInt64(intervalMicroseconds) * 1000
        self.sendBufferBytes = sendBufferBytes.map(Int32.init)
        self.maxStreams = maxStreams
        self.eventsPerWrite = eventsPerWrite
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            listener.close()
            throw LoopbackListener.failure("sse-server: pipe")
        }
        stopPipe = (fds[0], fds[1])
    }

    // The stop pipe outlives `serve`, so a late `stop()` never writes to a reused descriptor.
    deinit {
        Glibc.close(stopPipe.read)
        Glibc.close(stopPipe.write)
    }

    /// Ends `serve` from another thread.
    public func stop() { _ = Glibc.write(stopPipe.write, "x", 1) }

    /// Serves until `stop()`, until `stopFD` becomes readable (data or EOF: a parent closing the
    /// pipe that is our stdin) or for `seconds`, whichever is first; closes every socket.
    public func serve(seconds: Double, stopFD: Int32? = nil) -> Figures {
        let cpuStart = ThreadCPU.seconds()
        let deadline = Self.now() + UInt64(min(max(seconds, 0), 1e7) * 1e9)
        var connections: [SSEConnection] = []
        var bytes = SSEEventBytes(eventsPerWrite: eventsPerWrite)
        var scratch = [UInt8](repeating: 0, count: 65536)
        var figures = Figures(events: 0, requests: 0, cpuSeconds: 0)
        var nextStep = Self.now()
        let stopFDs = [stopPipe.read] + (stopFD.map { [$0] } ?? [])
        serving: while true {
            let now = Self.now()
            guard now < deadline else { break }
            let anyReady = connections.contains { $0.ready }
            // Wait for sockets only; with a stream ready, at most until its step is due.
            let waitNanoseconds = anyReady ? (nextStep > now ? nextStep - now : 0) : min(deadline - now, 1_000_000_000)
            var polled = stopFDs.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            polled.append(pollfd(fd: listener.fd, events: Int16(POLLIN), revents: 0))
            polled += connections.map { pollfd(fd: $0.fd, events: Int16(POLLIN) | ($0.blocked ? Int16(POLLOUT) : 0), revents: 0) }
            let ready = poll(&polled, nfds_t(polled.count), Int32((waitNanoseconds + 999_999) / 1_000_000))
            if ready > 0 {
                if polled[..<stopFDs.count].contains(where: { $0.revents != 0 }) { break serving }
                let offset = stopFDs.count + 1
                for (index, connection) in connections.enumerated() where polled[offset + index].revents != 0 {
                    let events = polled[offset + index].revents
                    if events & Int16(POLLOUT) != 0 { _ = connection.flush() }
                    if events & Int16(POLLIN | POLLHUP | POLLERR) != 0 { connection.readAvailable(into: &scratch) }
                }
                if polled[stopFDs.count].revents != 0 { accept(into: &connections) }
                connections.removeAll { $0.closed }
            }
            let stepTime = Self.now()
            guard stepTime >= nextStep else { continue }
            nextStep = intervalNanoseconds == 0 ? stepTime : max(nextStep + intervalNanoseconds, stepTime)
            for connection in connections where connection.ready {
                let sent = connection.writeEvents(&bytes, now: Self.now())
                figures.events += sent.events
                if sent.last { figures.requests += 1 }
            }
        }
        for connection in connections { connection.close() }
        listener.close()
        figures.cpuSeconds = ThreadCPU.seconds() - cpuStart
        return figures
    }

    private func accept(into connections: inout [SSEConnection]) {
        while true {
            let fd = Glibc.accept(listener.fd, nil, nil)
            guard fd >= 0 else { return }
            guard connections.count < maxStreams else {
                Glibc.close(fd)
                continue
            }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            if var size = sendBufferBytes { setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size)) }
            _ = fcntl(fd, F_SETFL, O_NONBLOCK)
            connections.append(SSEConnection(fd: fd))
        }
    }

    /// CLOCK_MONOTONIC nanoseconds, the clock of LoadGen's timestamps.
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

extension SSEServer {
    /// The line `bench perf sse-server` prints on exit and `bench perf client --server cheap` relays.
    public static func summary(_ figures: Figures) -> String {
        let perEvent = figures.events > 0 ? figures.cpuSeconds / Double(figures.events) * 1e6 : 0
        return "sse-server: \(figures.events) events, \(figures.requests) requests, \(String(format: "%.2f", figures.cpuSeconds)) CPU-s, "
            + "\(String(format: "%.2f", perEvent)) µs per event"
    }
}
#endif
