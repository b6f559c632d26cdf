import Foundation
import GRDB
import Metrics

/// A request's token events in one blob: per event, the nanoseconds since the previous event
/// (the first: since the request's start) and its token count, each as an unsigned LEB128
/// varint. A 20 ms gap takes 4 bytes and a one-token count 1, so ~5 bytes an event; the ITL
/// samples and inter-chunk gaps are recomputed from it exactly. Events are in time order, so
/// gaps are never negative (a negative one is stored as 0).
enum RequestPacking {
    static func pack(_ record: RequestRecord) -> Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(record.events.count * 6)
        var previous = record.start
        for event in record.events {
            appendVarint(UInt64(max(0, event.time - previous)), to: &bytes)
            appendVarint(UInt64(max(0, event.tokens)), to: &bytes)
            previous = event.time
        }
        return Data(bytes)
    }

    static func unpack(_ data: Data, start: Int64) -> [RequestRecord.TokenEvent] {
        var events: [RequestRecord.TokenEvent] = []
        data.withUnsafeBytes { bytes in
            var offset = 0, time = start
            while offset < bytes.count {
                time += Int64(readVarint(bytes, &offset))
                events.append(.init(time: time, tokens: Int(readVarint(bytes, &offset))))
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
        return RequestRecord(index: row["idx"], start: start, end: row["end_ns"], promptTokens: row["prompt_tokens"],
                             requestedOutputTokens: row["requested_output_tokens"], events: events,
                             usageCompletionTokens: source == RequestRecord.OutputCountSource.usage.rawValue ? output : nil, error: error)
    }
}
