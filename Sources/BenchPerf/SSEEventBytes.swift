/// The bytes `bench perf sse-server` writes, formatted once: an HTTP/1.1 chunked response head,
/// then one chunk per token event (an OpenAI `text_completion` chunk carrying one token), whose
/// only per-event work is the emit time written into a fixed-width slot, then `[DONE]` and the
/// last chunk. Every event is the same length, so a pass over streams sends one buffer again
/// and again; `eventsPerWrite` events (each still its own chunk and one token) share a send.
struct SSEEventBytes {
    /// Digits of the emit time, padded with spaces (JSON allows them before `}`): CLOCK_MONOTONIC
    /// nanoseconds have far fewer than 20.
    static let slotWidth = 20

    static let head = Array(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
    /// `[DONE]` as its own chunk, then the zero-length chunk that ends the response.
    static let tail = chunk(Array("data: [DONE]\n\n".utf8)) + Array("0\r\n\r\n".utf8)

    let eventsPerWrite: Int
    /// `eventsPerWrite` token events: every send but a stream's last.
    private(set) var run: [UInt8]
    private var event: [UInt8]
    /// A stream's last event (`finish_reason` "length") with `tail` after it.
    private var lastEvent: [UInt8]
    /// Where the emit time's slot starts in `event` (and in each event of `run`) and in `lastEvent`.
    private let slot: Int
    private let lastSlot: Int

    init(eventsPerWrite: Int) {
        precondition(eventsPerWrite >= 1, "at least one event per write")
        self.eventsPerWrite = eventsPerWrite
        (event, slot) = Self.template(finishReason: "null")
        (lastEvent, lastSlot) = Self.template(finishReason: "\"length\"")
        lastEvent += Self.tail
        run = Array([[UInt8]](repeating: event, count: eventsPerWrite).joined())
    }

    /// `run`, every event stamped `nanoseconds`.
    mutating func stampedRun(_ nanoseconds: UInt64) -> [UInt8] {
        for index in 0..<eventsPerWrite { Self.write(nanoseconds, into: &run, at: index * event.count + slot) }
        return run
    }

    /// A stream's last send: `events` − 1 token events, then the last with `tail`, stamped `nanoseconds`.
    mutating func stampedEnd(events: Int, _ nanoseconds: UInt64) -> [UInt8] {
        precondition((1...eventsPerWrite).contains(events), "a stream's last send holds 1 to eventsPerWrite events")
        Self.write(nanoseconds, into: &event, at: slot)
        Self.write(nanoseconds, into: &lastEvent, at: lastSlot)
        return Array([[UInt8]](repeating: event, count: events - 1).joined()) + lastEvent
    }

    private static func write(_ value: UInt64, into bytes: inout [UInt8], at slot: Int) {
        var digits = 1, rest = value / 10
        while rest > 0 { (digits, rest) = (digits + 1, rest / 10) }
        precondition(digits <= slotWidth, "an emit time wider than its slot")
        var remaining = value
        for offset in stride(from: digits - 1, through: 0, by: -1) {
            bytes[slot + offset] = UInt8(truncatingIfNeeded: remaining % 10) + 0x30
            remaining /= 10
        }
        for offset in digits..<slotWidth { bytes[slot + offset] = 0x20 }
    }

    private static func template(finishReason: String) -> (bytes: [UInt8], slot: Int) {
        let prefix = Array(
            ("data: {\"id\":\"cmpl-sse\",\"object\":\"text_completion\",\"created\":0,\"model\":\"bench-sse\","
                + "\"choices\":[{\"index\":0,\"text\":\" tok\",\"logprobs\":null,\"finish_reason\":\(finishReason)}],\"bench_emit_ns\":").utf8)
        let payload = prefix + [UInt8](repeating: 0x30, count: slotWidth) + Array("}\n\n".utf8)
        let framed = chunk(payload)
        return (framed, framed.count - payload.count - 2 + prefix.count)
    }

    /// `bytes` as one HTTP/1.1 chunk: hex size, CRLF, bytes, CRLF.
    static func chunk(_ bytes: [UInt8]) -> [UInt8] {
        Array(String(bytes.count, radix: 16).utf8) + [0x0D, 0x0A] + bytes + [0x0D, 0x0A]
    }
}
