import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LoopbackHTTP {
    /// A whole response to one plain GET: status and body (de-chunked).
    public struct Reply: Sendable, Equatable {
        public var status: Int
        public var body: [UInt8]
    }

    /// `GET path` on host:port, read to the end within `timeout` seconds per read; a body over
    /// `maxBodyBytes`, no answer, or a reply that is not HTTP is a named failure.
    public static func get(host: String, port: Int, path: String, timeout: Double = 5, maxBodyBytes: Int) throws(EngineError) -> Reply {
        let limit = min(max(0, maxBodyBytes), Int.max - 65_536) + 65_536  // room for the headers
        let received = withGetRequest(host: host, port: port, path: path, timeout: timeout) { fd -> [UInt8]? in
            var data: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 64 << 10)
            while data.count <= limit, !isComplete(data) {
                let count = recv(fd, &chunk, chunk.count, 0)
                if count == 0 { return data }
                guard count > 0 else { return nil }
                data += chunk[0..<count]
            }
            return data
        }
        guard let received, let data = received else {
            throw EngineError("no answer to GET \(path) from \(host):\(port) within \(timeout) s", fix: "check that the engine is up and serves \(path)")
        }
        guard data.count <= limit else {
            throw EngineError("GET \(path) on \(host):\(port) answered more than \(maxBodyBytes) bytes", fix: "point the scrape at a metrics endpoint")
        }
        guard let split = headerEnd(data), let status = statusCode(data[..<split]) else {
            throw EngineError("GET \(path) on \(host):\(port) did not answer HTTP", fix: "check the port")
        }
        let head = String(decoding: data[..<split], as: UTF8.self).lowercased()
        let body = Array(data[(split + 4)...])
        guard head.contains("transfer-encoding: chunked") else { return Reply(status: status, body: body) }
        guard let decoded = dechunk(body) else {
            throw EngineError("GET \(path) on \(host):\(port) sent a broken chunked body", fix: "check the engine's HTTP server")
        }
        return Reply(status: status, body: decoded)
    }

    /// Whether a response is whole: its Content-Length read, or its last chunk; a server that keeps
    /// the connection open despite `Connection: close` is not waited on to close it.
    private static func isComplete(_ data: [UInt8]) -> Bool {
        guard let split = headerEnd(data) else { return false }
        let head = String(decoding: data[..<split], as: UTF8.self).lowercased()
        let bodyBytes = data.count - split - 4
        if let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
            let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        {
            return bodyBytes >= length
        }
        if head.contains("transfer-encoding: chunked") {
            return data.suffix(5).elementsEqual("0\r\n\r\n".utf8) && dechunk(Array(data[(split + 4)...])) != nil
        }
        return false
    }

    /// Index of the blank line that ends the headers.
    private static func headerEnd(_ data: [UInt8]) -> Int? {
        guard data.count >= 4 else { return nil }
        return (0...(data.count - 4)).first { data[$0] == 0x0D && data[$0 + 1] == 0x0A && data[$0 + 2] == 0x0D && data[$0 + 3] == 0x0A }
    }

    /// HTTP/1.1 chunked transfer coding: hex size, CRLF, data, CRLF, until a zero size.
    static func dechunk(_ body: [UInt8]) -> [UInt8]? {
        var result: [UInt8] = [], index = 0
        while true {
            guard let lineEnd = (index..<max(index, body.count - 1)).first(where: { body[$0] == 0x0D && body[$0 + 1] == 0x0A }) else { return nil }
            let sizeText = String(decoding: body[index..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard sizeText.count <= 15, let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0 else { return nil }
            index = lineEnd + 2
            if size == 0 { return result }
            guard size <= body.count - index else { return nil }
            result += body[index..<(index + size)]
            index += size + 2
        }
    }
}
