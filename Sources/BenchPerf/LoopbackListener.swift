#if canImport(Glibc)
import Glibc

/// A TCP listening socket on 127.0.0.1 (never another address): the loopback floor's pairs and
/// the cheap SSE server both accept on one.
struct LoopbackListener {
    let fd: Int32
    let port: Int

    /// `port` 0 takes an ephemeral port; `nonBlocking` for a poll loop that accepts until EAGAIN.
    init(port: Int, backlog: Int32 = 4096, nonBlocking: Bool = false) throws {
        guard (0...65535).contains(port) else { throw PerfError("listen: port \(port) is not 0–65535") }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Self.failure("socket") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.address(port: port)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = Self.withSocketAddress(&address) { pointer in
            bind(fd, pointer, length) == 0 && listen(fd, backlog) == 0 && getsockname(fd, pointer, &length) == 0
        }
        guard bound else {
            let error = Self.failure("bind/listen on 127.0.0.1:\(port)")
            Glibc.close(fd)
            throw error
        }
        if nonBlocking { _ = fcntl(fd, F_SETFL, O_NONBLOCK) }
        self.fd = fd
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// A blocking client socket connected to this listener.
    func connectClient() throws -> Int32 {
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.address(port: port)
        let connected = Self.withSocketAddress(&address) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        guard connected else {
            let error = Self.failure("connect to 127.0.0.1:\(port)")
            Glibc.close(client)
            throw error
        }
        return client
    }

    func close() { Glibc.close(fd) }

    private static func address(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return address
    }

    private static func withSocketAddress<T>(_ address: inout sockaddr_in, _ body: (UnsafeMutablePointer<sockaddr>) -> T) -> T {
        withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1, body) }
    }

    static func failure(_ what: String) -> PerfError {
        PerfError("\(what) failed: \(String(cString: strerror(errno)))")
    }
}
#endif
