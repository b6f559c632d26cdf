/// The load generator's parsers over one whole input, for `bench perf fuzz`: what a server's
/// bytes go through, without a connection.
public enum LoadGenParsers {
    /// An HTTP response fed in one piece and, from its parsed head on, its body as SSE lines.
    /// Returns the number of events read (so the work cannot be optimised away).
    public static func response(_ bytes: [UInt8]) -> Int {
        var parser = HTTPResponseParser(), scanner = SSEScanner(), events = 0
        _ = bytes.withUnsafeBytes { buffer in
            try? parser.feed(buffer) { body, _ in
                scanner.feed(body, time: 0) { line, _ in events += StreamEvent(line: line).kind == .ignored ? 0 : 1 }
            }
        }
        return events
    }

    /// SSE bytes (no HTTP head) through the line scanner and the event reader.
    public static func sse(_ bytes: [UInt8]) -> Int {
        var scanner = SSEScanner(), events = 0
        _ = bytes.withUnsafeBytes { buffer in
            scanner.feed(buffer, time: 0) { line, _ in events += StreamEvent(line: line).kind == .ignored ? 0 : 1 }
        }
        return events
    }
}
