#if canImport(Glibc)
import Glibc

/// Connected loopback TCP pairs: non-blocking writers with TCP_NODELAY, non-blocking readers.
/// Linux only (Glibc's socket constants); elsewhere LoopbackFloor refuses to run.
final class LoopbackPairs: @unchecked Sendable {
    private var writers: [Int32] = []
    private var readers: [Int32] = []
    private let stopFlag = UnsafeMutablePointer<Int32>.allocate(capacity: 1)

    init(count: Int) throws {
        stopFlag.pointee = 0
        let listener = try LoopbackListener(port: 0)
        defer { listener.close() }
        for _ in 0..<count {
            let reader = try listener.connectClient()
            let writer = accept(listener.fd, nil, nil)
            guard writer >= 0 else { throw LoopbackListener.failure("loopback-floor: accept") }
            var one: Int32 = 1
            setsockopt(writer, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            _ = fcntl(writer, F_SETFL, O_NONBLOCK)
            _ = fcntl(reader, F_SETFL, O_NONBLOCK)
            writers.append(writer)
            readers.append(reader)
        }
    }

    /// One write of `message` to every writer; returns how many the kernel took.
    func writeOnce(_ message: [UInt8]) -> Int {
        var taken = 0
        for fd in writers where Glibc.write(fd, message, message.count) > 0 { taken += 1 }
        return taken
    }

    func drainReaders() {
        var polled = readers.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        var buffer = [UInt8](repeating: 0, count: 65536)
        while stopFlag.pointee == 0 {
            guard poll(&polled, nfds_t(polled.count), 100) > 0 else { continue }
            for index in polled.indices where polled[index].revents != 0 {
                while read(polled[index].fd, &buffer, buffer.count) > 0 {}
            }
        }
    }

    func stopDraining() { stopFlag.pointee = 1 }

    func close() {
        for fd in writers + readers { Glibc.close(fd) }
        stopFlag.deallocate()
    }
}
#endif
