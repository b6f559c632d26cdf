import Foundation
import SimEngine

/// `--truth-log FILE`: one JSON line per finished request (written once its last event is) with
/// its stamped arrival, the moment its head was read (`received`: a client's TTFT should be
/// first token − received, since the time spent parsing and admitting it is part of the
/// server's latency), every token's scheduled time and, for streams, when each event was
/// actually written (and the first and last of those); nanoseconds since the engine started; and, with
/// prefix caching, the prompt's chained block keys. Feeding the arrivals (and keys) back to the
/// virtual clock reproduces the same token times.
///
/// Lines are formatted by hand into a buffer written in 64 KiB pieces: the log runs on the
/// server's event loop, and a JSONEncoder per request slowed a burst of 1,000 requests visibly.
final class TruthLog {
    private let handle: FileHandle
    private var open: [Int: TruthLine] = [:]
    private var pending: [UInt8] = []

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        pending.reserveCapacity(Self.chunk + 4096)
    }

    private static let chunk = 64 << 10

    func begin(_ request: SimRequest, received: Int64) {
        open[request.id] = TruthLine(timeline: RequestTimeline(request: request), received: received, prefixBlocks: request.prefixBlocks)
    }

    /// A scheduled emission. The line stays open for its written times; `end` closes it.
    func record(_ emission: TokenEmission) {
        open[emission.requestID]?.timeline.record(emission)
    }

    /// An event of request `id` was handed to the kernel at `time` (ns since the epoch).
    func written(_ id: Int, at time: Int64, last: Bool) {
        open[id]?.writtenTimes.append(time)
        if last { end(id) }
    }

    func end(_ id: Int) {
        guard let line = open.removeValue(forKey: id) else { return }
        line.append(to: &pending)
        if pending.count >= Self.chunk { writePending() }
    }

    func close() {
        for id in open.keys.sorted() { end(id) }
        writePending()
        try? handle.close()
    }

    private func writePending() {
        guard !pending.isEmpty else { return }
        handle.write(Data(pending))
        pending.removeAll(keepingCapacity: true)
    }
}

/// A truth-log line: the timeline's fields plus `received` and the written times.
private struct TruthLine {
    var timeline: RequestTimeline
    var received: Int64
    /// The prompt's chained block keys (prefix caching), so a replay on the virtual clock hits the same blocks.
    var prefixBlocks: [UInt64]
    /// When each event was handed to the kernel.
    var writtenTimes: [Int64] = []

    /// `{"arrival":…,"id":…,"outputTokens":…,"promptTokens":…,"received":…,…,"tokenTimes":[…]}\n`
    func append(to out: inout [UInt8]) {
        func field(_ name: String, _ value: Int64, first: Bool = false) {
            out.append(contentsOf: (first ? "{\"" : ",\"").utf8)
            out.append(contentsOf: name.utf8)
            out.append(contentsOf: "\":".utf8)
            out.append(contentsOf: String(value).utf8)
        }
        field("arrival", timeline.arrival, first: true)
        field("id", Int64(timeline.id))
        field("outputTokens", Int64(timeline.outputTokens))
        field("promptTokens", Int64(timeline.promptTokens))
        field("received", received)
        if let first = writtenTimes.first, let last = writtenTimes.last {
            field("firstWritten", first)
            field("lastWritten", last)
            array("writtenTimes", writtenTimes, into: &out)
        }
        if !prefixBlocks.isEmpty { array("prefixBlocks", prefixBlocks, into: &out) }
        array("tokenTimes", timeline.tokenTimes, into: &out)
        out.append(contentsOf: "}\n".utf8)
    }

    private func array(_ name: String, _ values: [some BinaryInteger], into out: inout [UInt8]) {
        out.append(contentsOf: ",\"\(name)\":[".utf8)
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: String(value).utf8)
        }
        out.append(UInt8(ascii: "]"))
    }
}
