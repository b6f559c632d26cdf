#if canImport(Glibc)
import Glibc

/// One client connection of the cheap SSE server: the bytes of its next request, the tokens
/// its current response still owes, and any bytes the kernel has not taken yet (the stream
/// waits for POLLOUT before its next event, so a slow reader holds back only itself).
final class SSEConnection {
    let fd: Int32
    private var inbound: [UInt8] = []
    private(set) var tokensLeft = 0
    private var headOwed = false
    private var pending: [UInt8] = []
    private(set) var closed = false

    init(fd: Int32) { self.fd = fd }

    /// Streaming and nothing left unsent: ready for its next event.
    var ready: Bool { tokensLeft > 0 && pending.isEmpty && !closed }
    var blocked: Bool { !pending.isEmpty }

    /// Reads what arrived; starts the next response when a whole request is in. Closes on EOF,
    /// an error or a refused request (with a 400 first).
    func readAvailable(into scratch: inout [UInt8]) {
        while !closed {
            let count = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count > 0 {
                inbound += scratch[..<count]
                // Bytes sent while a response streams wait unread; a client that floods them is cut off.
                if inbound.count > 2 * SSERequest.maxBytes { close() }
                continue
            }
            if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) { close() }
            break
        }
        startNextResponse()
    }

    private func startNextResponse() {
        guard !closed, tokensLeft == 0, pending.isEmpty else { return }
        switch SSERequest(inbound) {
        case .incomplete:
            break
        case .stream(let tokens, let consumed):
            inbound.removeFirst(consumed)
            (tokensLeft, headOwed) = (tokens, true)
        case .refused(let reason):
            let body = Array(reason.utf8)
            // Best effort: the refusal goes out in one send or not at all.
            send(
                Array("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n".utf8)[...]
                    + body)
            close()
        }
    }

    /// Sends this stream's next events (up to `bytes.eventsPerWrite`, stamped now); returns how
    /// many, and whether they ended its response.
    func writeEvents(_ bytes: inout SSEEventBytes, now: UInt64) -> (events: Int, last: Bool) {
        let count = min(bytes.eventsPerWrite, tokensLeft)
        tokensLeft -= count
        let last = tokensLeft == 0
        let events = last ? bytes.stampedEnd(events: count, now) : bytes.stampedRun(now)
        if headOwed {
            headOwed = false
            send((SSEEventBytes.head + events)[...])
        } else {
            send(events[...])
        }
        if last { startNextResponse() }
        return (count, last)
    }

    /// Sends what the kernel did not take before; true once nothing is left.
    func flush() -> Bool {
        let bytes = pending
        pending = []
        send(bytes[...])
        if pending.isEmpty { startNextResponse() }
        return pending.isEmpty
    }

    private func send(_ bytes: ArraySlice<UInt8>) {
        let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        if sent < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK { pending = Array(bytes) } else { close() }
        } else if sent < bytes.count {
            pending = Array(bytes.dropFirst(sent))
        }
    }

    func close() {
        guard !closed else { return }
        closed = true
        Glibc.close(fd)
    }
}
#endif
