import Foundation

/// An incremental HTTP/1.1 response parser over raw bytes: the head once, then the body as
/// slices of the bytes it was given (chunked, Content-Length or until close), with no copy of
/// body bytes. One response at a time; `reset()` before the next one on a kept-alive connection.
struct HTTPResponseParser {
    struct Head: Equatable {
        var status: Int
        var keepAlive: Bool
    }

    enum Failure: Error, Equatable {
        case malformedHead(String)
        case malformedChunk
        /// The head went past `LoadLimits.headBytes` without ending.
        case headTooLarge
    }

    private enum State: Equatable {
        case head, chunkSize, chunkData(Int), chunkDataEnd, trailer, fixed(Int), untilClose, done
    }

    private var state = State.head
    private var headBytes: [UInt8] = []
    /// The head's last four bytes, newest lowest: finds the blank line without slicing
    /// `headBytes` (a slice alive during the next append made every append copy the head).
    private var headTail: UInt32 = 0
    private var sizeDigits = 0
    private var size = 0
    private var sizeEnded = false
    private var trailerLineLength = 0
    private(set) var head: Head?

    var isDone: Bool { state == .done }
    /// Whether the body runs until the connection closes (no length, not chunked).
    var endsAtClose: Bool { state == .untilClose }

    /// Body bytes only follow a parsed head.
    private var bodyStatus: Int { head?.status ?? 0 }

    mutating func reset() {
        self = HTTPResponseParser()
    }

    /// Parses `bytes`; `body` gets each run of body bytes in order, with the response's status.
    /// Returns true once the response has ended.
    mutating func feed(_ bytes: UnsafeRawBufferPointer, body: (UnsafeRawBufferPointer, _ status: Int) -> Void) throws(Failure) -> Bool {
        var index = 0
        while index < bytes.count, state != .done {
            switch state {
            case .head:
                let byte = bytes[index]
                index += 1
                headBytes.append(byte)
                headTail = headTail << 8 | UInt32(byte)
                guard headBytes.count <= LoadLimits.headBytes else { throw .headTooLarge }
                if headTail & 0xFFFF == 0x0A0A || headTail == 0x0D0A_0D0A {
                    try parseHead()
                }
            case .chunkSize:
                let byte = bytes[index]
                index += 1
                if byte == 0x0A {
                    guard sizeDigits > 0 else { throw .malformedChunk }
                    state = size == 0 ? .trailer : .chunkData(size)
                    trailerLineLength = 0
                } else if sizeEnded {
                    continue  // a chunk extension or the CR before LF
                } else if let digit = Self.hexValue(byte) {
                    guard sizeDigits < 15 else { throw .malformedChunk }
                    size = size * 16 + digit
                    sizeDigits += 1
                } else if sizeDigits > 0, byte == UInt8(ascii: ";") || byte == 0x0D || byte == 0x20 {
                    sizeEnded = true
                } else {
                    throw .malformedChunk
                }
            case .chunkData(let remaining):
                let take = min(remaining, bytes.count - index)
                body(UnsafeRawBufferPointer(rebasing: bytes[index..<(index + take)]), bodyStatus)
                index += take
                state = remaining == take ? .chunkDataEnd : .chunkData(remaining - take)
            case .chunkDataEnd:
                if bytes[index] == 0x0A { startChunk() }
                index += 1
            case .trailer:
                let byte = bytes[index]
                index += 1
                if byte == 0x0A {
                    if trailerLineLength == 0 { state = .done }
                    trailerLineLength = 0
                } else if byte != 0x0D {
                    trailerLineLength += 1
                }
            case .fixed(let remaining):
                let take = min(remaining, bytes.count - index)
                body(UnsafeRawBufferPointer(rebasing: bytes[index..<(index + take)]), bodyStatus)
                index += take
                state = remaining == take ? .done : .fixed(remaining - take)
            case .untilClose:
                body(UnsafeRawBufferPointer(rebasing: bytes[index...]), bodyStatus)
                index = bytes.count
            case .done:
                break
            }
        }
        return state == .done
    }

    private mutating func startChunk() {
        state = .chunkSize
        size = 0
        sizeDigits = 0
        sizeEnded = false
    }

    private mutating func parseHead() throws(Failure) {
        // Lines end at LF (a CR before it is dropped); split as bytes, decoded one line at a time.
        let lines = headBytes.split(separator: 0x0A).map { String(decoding: $0.last == 0x0D ? $0.dropLast() : $0, as: UTF8.self) }.filter {
            !$0.isEmpty
        }
        headBytes = []
        headTail = 0
        guard let statusLine = lines.first else { throw .malformedHead("empty response head") }
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]), (100...599).contains(status) else {
            throw .malformedHead("bad status line \(statusLine.prefix(80).debugDescription)")
        }
        var keepAlive = parts[0] != "HTTP/1.0"
        var chunked = false
        var length: Int?
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces).lowercased()
            switch name {
            case "content-length":
                guard let parsed = Int(value), parsed >= 0 else { throw .malformedHead("bad Content-Length \(value.prefix(40).debugDescription)") }
                length = parsed
            case "transfer-encoding": chunked = value.hasSuffix("chunked")
            case "connection":
                if value.contains("close") { keepAlive = false } else if value.contains("keep-alive") { keepAlive = true }
            default: break
            }
        }
        if (100...199).contains(status) {  // interim response: the real head follows
            return
        }
        head = Head(status: status, keepAlive: keepAlive)
        if chunked {
            startChunk()
        } else if let length {
            state = length == 0 ? .done : .fixed(length)
        } else {
            state = .untilClose
            head?.keepAlive = false
        }
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        default: nil
        }
    }
}
