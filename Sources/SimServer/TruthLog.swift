import Foundation
import SimEngine

/// `--truth-log FILE`: one JSON line per finished request (written once its last event is) with
/// its stamped arrival, the moment its head was read (`received`: a client's TTFT should be first token − received, since the
/// time spent parsing and admitting it is part of the server's latency) and every token's
/// scheduled time, in nanoseconds since the engine started. Feeding the arrivals back
/// to the virtual clock reproduces the same token times.
final class TruthLog {
    private let handle: FileHandle
    private var open: [Int: TruthLine] = [:]
    private let encoder = JSONEncoder()

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        encoder.outputFormatting = [.sortedKeys]
    }

    func begin(_ request: SimRequest, received: Int64) {
        open[request.id] = TruthLine(timeline: RequestTimeline(request: request), received: received)
    }

    /// A scheduled emission. The line stays open for its written times; `end` closes it.
    func record(_ emission: TokenEmission) {
        open[emission.requestID]?.timeline.record(emission)
    }

    /// An event of request `id` was handed to the kernel at `time` (ns since the epoch).
    func written(_ id: Int, at time: Int64, last: Bool) {
        if open[id]?.firstWritten == nil { open[id]?.firstWritten = time }
        open[id]?.lastWritten = time
        if last { end(id) }
    }

    func end(_ id: Int) {
        guard let timeline = open.removeValue(forKey: id), var line = try? encoder.encode(timeline) else { return }
        line.append(0x0A)
        handle.write(line)
    }

    func close() {
        for id in open.keys.sorted() { end(id) }
        try? handle.close()
    }
}

/// A truth-log line: the timeline's fields plus `received` and, for streams, when the first
/// and last events were actually written (what a perfect client would see, server lag included).
private struct TruthLine: Encodable {
    var timeline: RequestTimeline
    var received: Int64
    var firstWritten: Int64?
    var lastWritten: Int64?

    func encode(to encoder: Encoder) throws {
        try timeline.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(received, forKey: .received)
        try container.encodeIfPresent(firstWritten, forKey: .firstWritten)
        try container.encodeIfPresent(lastWritten, forKey: .lastWritten)
    }

    private enum Key: String, CodingKey { case received, firstWritten, lastWritten }
}
