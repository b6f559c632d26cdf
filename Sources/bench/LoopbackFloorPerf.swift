import ArgumentParser
import Foundation
import LoadGen
#if canImport(Glibc)
import Glibc
#endif

/// `bench perf loopback-floor`: what this machine's kernel alone charges for one token event.
/// One thread writes SSE-sized messages round-robin to N loopback TCP connections with bare
/// `write(2)` calls and no other work; another thread drains them with poll(2). Its writes per
/// CPU-second are the ceiling for any server that gives each stream its own write, so it is the
/// yardstick for `bench perf sim-server`'s events/s on the same machine.
struct LoopbackFloorPerf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loopback-floor",
        abstract: "Measure the kernel's cost of one loopback TCP write (the ceiling for a server's token events/s on one core).")

    @Option(help: "Connections written round-robin.") var streams = 1000
    @Option(help: "Bytes per write (one SSE token event is ~180).") var bytes = 180
    @Option(help: "Seconds to measure.") var seconds = 4.0

    func validate() throws {
        guard streams >= 1, bytes >= 1, bytes <= 65536, seconds > 0 else {
            throw ValidationError("--streams and --bytes (≤ 65536) must be at least 1 and --seconds positive")
        }
    }

    func run() throws {
        try FileDescriptors.raiseLimit(toAtLeast: 2 * streams + 64)
        let pairs = try LoopbackPairs(count: streams)
        defer { pairs.close() }
        let drain = Thread { pairs.drainReaders() }
        drain.start()

        let message = [UInt8](repeating: UInt8(ascii: "x"), count: bytes)
        var writes = 0
        let cpuStart = ThreadCPU.seconds()
        let clock = ContinuousClock()
        let start = clock.now
        let end = start + .seconds(seconds)
        while clock.now < end {
            for fd in pairs.writers where Glibc.write(fd, message, bytes) > 0 { writes += 1 }
        }
        let cpu = ThreadCPU.seconds() - cpuStart
        let elapsed = (clock.now - start) / .seconds(1)
        pairs.stopDraining()
        while !drain.isFinished { usleep(1000) }

        Console.write("""
        \(streams) loopback TCP connections, \(bytes)-byte writes, \(String(format: "%.1f", elapsed)) s
        writes/s: \(Int((Double(writes) / elapsed).rounded())); CPU per write: \(String(format: "%.2f", cpu / Double(writes) * 1e6)) µs; writes per CPU-second: \(Int((Double(writes) / cpu).rounded()))

        """)
    }
}

/// Connected loopback TCP pairs: non-blocking writers with TCP_NODELAY, non-blocking readers.
private final class LoopbackPairs: @unchecked Sendable {
    private(set) var writers: [Int32] = []
    private var readers: [Int32] = []
    private let stopFlag = UnsafeMutablePointer<Int32>.allocate(capacity: 1)

    init(count: Int) throws {
        stopFlag.pointee = 0
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { Glibc.close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withSocketAddress(&address) { pointer in
            guard bind(listener, pointer, length) == 0, listen(listener, 4096) == 0,
                  getsockname(listener, pointer, &length) == 0 else { throw failure("bind/listen on 127.0.0.1") }
        }
        for _ in 0..<count {
            let reader = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            try withSocketAddress(&address) { pointer in
                guard connect(reader, pointer, length) == 0 else { throw failure("connect to 127.0.0.1") }
            }
            let writer = accept(listener, nil, nil)
            guard writer >= 0 else { throw failure("accept") }
            var one: Int32 = 1
            setsockopt(writer, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            _ = fcntl(writer, F_SETFL, O_NONBLOCK)
            _ = fcntl(reader, F_SETFL, O_NONBLOCK)
            writers.append(writer)
            readers.append(reader)
        }
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

    private func withSocketAddress(_ address: inout sockaddr_in, _ body: (UnsafeMutablePointer<sockaddr>) throws -> Void) throws {
        try withUnsafeMutablePointer(to: &address) { try $0.withMemoryRebound(to: sockaddr.self, capacity: 1, body) }
    }

    private func failure(_ what: String) -> ValidationError {
        ValidationError("loopback-floor: \(what) failed: \(String(cString: strerror(errno)))")
    }
}
