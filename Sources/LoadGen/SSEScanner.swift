/// Splits an SSE body into lines as its bytes arrive and hands each complete line to a callback,
/// together with the arrival time of the line's first byte. Lines that lie whole inside one read
/// are passed in place; only a line split across reads is copied, into one reused buffer.
struct SSEScanner {
    private var carry: [UInt8] = []
    private var carryTime: Int64 = 0

    mutating func reset() {
        carry.removeAll(keepingCapacity: true)
    }

    /// Returns false, keeping nothing, when a line grows past `maxLine` bytes without its newline.
    @discardableResult
    mutating func feed(
        _ bytes: UnsafeRawBufferPointer, time: Int64, maxLine: Int = LoadLimits.sseLineBytes,
        line: (UnsafeRawBufferPointer, Int64) -> Void
    ) -> Bool {
        var start = 0
        while start < bytes.count {
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else {
                guard carry.count + (bytes.count - start) <= maxLine else {
                    carry = []
                    return false
                }
                if carry.isEmpty { carryTime = time }
                carry.append(contentsOf: bytes[start...])
                return true
            }
            guard carry.count + (newline - start) <= maxLine else {
                carry = []
                return false
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
        return true
    }

    private static func trimmingCR(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        bytes.last == 0x0D ? UnsafeRawBufferPointer(rebasing: bytes.dropLast()) : bytes
    }
}
