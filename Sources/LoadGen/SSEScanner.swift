/// Splits an SSE body into lines as its bytes arrive and hands each complete line to a callback,
/// together with the arrival time of the line's first byte. Lines that lie whole inside one read
/// are passed in place; only a line split across reads is copied, into one reused buffer.
struct SSEScanner {
    private var carry: [UInt8] = []
    private var carryTime: Int64 = 0

    mutating func reset() {
        carry.removeAll(keepingCapacity: true)
    }

    mutating func feed(_ bytes: UnsafeRawBufferPointer, time: Int64, line: (UnsafeRawBufferPointer, Int64) -> Void) {
        var start = 0
        while start < bytes.count {
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else {
                if carry.isEmpty { carryTime = time }
                carry.append(contentsOf: bytes[start...])
                return
            }
            if carry.isEmpty {
                line(Self.trimmingCR(UnsafeRawBufferPointer(rebasing: bytes[start..<newline])), time)
            } else {
                carry.append(contentsOf: bytes[start..<newline])
                carry.withUnsafeBytes { line(Self.trimmingCR($0), carryTime) }
                carry.removeAll(keepingCapacity: true)
            }
            start = newline + 1
        }
    }

    private static func trimmingCR(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        bytes.last == 0x0D ? UnsafeRawBufferPointer(rebasing: bytes.dropLast()) : bytes
    }
}
