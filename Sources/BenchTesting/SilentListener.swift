#if canImport(Glibc)
import Glibc
#endif

/// A loopback port where connecting hangs: it listens with a backlog of 0 and never accepts,
/// and one connection of its own fills that queue, so the kernel drops every further SYN and
/// a client's connect waits in SYN retries (the "server that never answers the handshake").
public final class SilentListener {
    public let port: Int
    private let listener: Int32
    private let filler: Int32

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0), filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(listener, address, length) == 0 && listen(listener, 0) == 0 && getsockname(listener, address, &length) == 0
            }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(filler, $0, length) == 0 }
        }
        guard bound, connected, port > 0 else {
            close(filler)
            close(listener)
            throw Failure(description: "cannot set up a silent listener on 127.0.0.1 (errno \(errno))")
        }
        (self.listener, self.filler, self.port) = (listener, filler, port)
    }

    deinit {
        close(filler)
        close(listener)
    }
}
