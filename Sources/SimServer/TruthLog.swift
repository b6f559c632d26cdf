import Foundation
import SimEngine

/// `--truth-log FILE`: one JSON line per finished request with its stamped arrival and every
/// token's scheduled time, in nanoseconds since the engine started. Feeding the arrivals back
/// to the virtual clock reproduces the same token times.
final class TruthLog {
    private let handle: FileHandle
    private var open: [Int: RequestTimeline] = [:]
    private let encoder = JSONEncoder()

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        encoder.outputFormatting = [.sortedKeys]
    }

    func begin(_ request: SimRequest) {
        open[request.id] = RequestTimeline(request: request)
    }

    func record(_ emission: TokenEmission) {
        open[emission.requestID]?.record(emission)
        if emission.finished { end(emission.requestID) }
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
