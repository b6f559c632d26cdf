import Foundation
import GRDB
import Metrics

/// A request's token events in one blob: per event, its time after the request's start (Int64
/// ns) and its token count (Int32), little-endian. 12 bytes an event; the ITL samples and
/// inter-chunk gaps are recomputed from it exactly.
enum RequestPacking {
    static func pack(_ record: RequestRecord) -> Data {
        var data = Data(capacity: record.events.count * 12)
        for event in record.events {
            withUnsafeBytes(of: (event.time - record.start).littleEndian) { data.append(contentsOf: $0) }
            withUnsafeBytes(of: Int32(clamping: event.tokens).littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    static func unpack(_ data: Data, start: Int64) -> [RequestRecord.TokenEvent] {
        var events: [RequestRecord.TokenEvent] = []
        events.reserveCapacity(data.count / 12)
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset + 12 <= bytes.count {
                let delta = Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self))
                let tokens = Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: Int32.self))
                events.append(.init(time: start + delta, tokens: Int(tokens)))
                offset += 12
            }
        }
        return events
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
