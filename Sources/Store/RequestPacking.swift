import Foundation
import GRDB
import Metrics

/// A request's token events in one blob. Per event, the change of its gap from the previous
/// gap (the first gap is from the request's start), zigzag-encoded so small changes of either
/// sign stay small, shifted left one bit; the low bit says a token count other than 1 follows.
/// Each number is an unsigned LEB128 varint. Steady streams cost 1–3 bytes an event (a 20 ms
/// cadence with µs jitter: 3; a simulated engine's exact steps: 1); the ITL samples and
/// inter-chunk gaps are recomputed from it exactly. Events are in time order, so gaps are never
/// negative (a negative one is stored as 0).
enum RequestPacking {
    static func pack(_ record: RequestRecord) -> Data {
        Data(packedBytes(record))
    }

    static func packedBytes(_ record: RequestRecord) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(record.events.count * 3 + 8)
        var previousTime = record.start, previousGap: Int64 = 0
        for event in record.events {
            let gap = max(0, event.time - previousTime)
            let change = gap &- previousGap
            let zigzag = UInt64(bitPattern: (change << 1) ^ (change >> 63))
            let single = event.tokens == 1
            appendVarint(zigzag << 1 | (single ? 0 : 1), to: &bytes)
            if !single { appendVarint(UInt64(max(0, event.tokens)), to: &bytes) }
            previousTime = event.time
            previousGap = gap
        }
        return bytes
    }

    static func unpack(_ data: Data, start: Int64) -> [RequestRecord.TokenEvent] {
        var events: [RequestRecord.TokenEvent] = []
        data.withUnsafeBytes { bytes in
            var offset = 0, time = start, gap: Int64 = 0
            while offset < bytes.count {
                let word = readVarint(bytes, &offset)
                let zigzag = word >> 1
                gap &+= Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1)
                time &+= gap
                let tokens = word & 1 == 0 ? 1 : Int(clamping: readVarint(bytes, &offset))  // a merged shard's blob is outside input
                events.append(.init(time: time, tokens: tokens))
            }
        }
        return events
    }

    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private static func readVarint(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int) -> UInt64 {
        var value: UInt64 = 0, shift: UInt64 = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 || shift >= 63 { break }
            shift += 7
        }
        return value
    }

    static func record(_ row: Row) -> RequestRecord {
        let start: Int64 = row["start_ns"]
        let kind: String? = row["error_kind"]
        let source: String = row["output_source"]
        let events = unpack(row["events"], start: start)
        let output: Int = row["output_tokens"]
        let error = kind.flatMap { RequestError.Kind(rawValue: $0) }.map { RequestError($0, row["error_message"] ?? "") }
        return RequestRecord(
            index: row["idx"], start: start, end: row["end_ns"], promptTokens: row["prompt_tokens"],
            requestedOutputTokens: row["requested_output_tokens"], events: events,
            usageCompletionTokens: source == RequestRecord.OutputCountSource.usage.rawValue ? output : nil, error: error)
    }
}
