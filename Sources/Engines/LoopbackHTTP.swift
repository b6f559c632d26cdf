import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few blocking socket calls readiness needs: a free port and the status of one plain
/// HTTP GET. Cold paths only; the measured traffic goes through LoadGen.
public enum LoopbackHTTP {
    /// A port that was free a moment ago (bound to 0 and released). An engine that loses the
    /// race fails to bind, which the readiness probe reports with its log.
    public static func freePort() throws(EngineError) -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw EngineError("cannot open a socket: \(String(cString: strerror(errno)))", fix: "") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw EngineError("cannot bind a loopback port: \(String(cString: strerror(errno)))", fix: "") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The HTTP status of `GET path` on host:port, or nil when nothing answers within `timeout` seconds.
    public static func status(host: String, port: Int, path: String, timeout: Double = 2) -> Int? {
        withGetRequest(host: host, port: port, path: path, timeout: timeout) { fd -> Int? in
            var buffer = [UInt8](repeating: 0, count: 64)
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count >= 12 else { return nil }
            return statusCode(buffer[0..<count])
        } ?? nil
    }

    /// Connects to host:port with send and receive timeouts, sends `GET path` (Connection: close)
    /// and hands the socket to `body`; nil when the connection or the send fails.
    static func withGetRequest<T>(host: String, port: Int, path: String, timeout: Double, _ body: (Int32) -> T) -> T? {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, "\(port)", &hints, &list) == 0, let first = list else { return nil }
        defer { freeaddrinfo(list) }
        let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        guard connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else { return nil }
        let request = "GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n\r\n"
        guard request.utf8CString.withUnsafeBufferPointer({ send(fd, $0.baseAddress, $0.count - 1, Int32(MSG_NOSIGNAL)) }) > 0 else {
            return nil
        }
        return body(fd)
    }

    /// The status of a response's first line ("HTTP/1.1 200 OK").
    static func statusCode(_ head: ArraySlice<UInt8>) -> Int? {
        let line = String(decoding: head.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
        let parts = line.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/") else { return nil }
        return Int(parts[1])
    }
}
