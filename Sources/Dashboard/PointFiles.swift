import Foundation

/// The drill-down files: `points/<id>.json`, and `points/<id>.js` registering the same data in
/// `window.BENCH_POINTS` (file:// pages may load scripts but not fetch files). Written one point at
/// a time from a stream, so a database of millions of requests is never held whole.
enum PointFiles {
    /// Calls its argument once per point that has stored requests.
    typealias Stream = (_ emit: (PointDetail) throws -> Void) throws -> Void

    struct Written {
        var points = 0
        var bytes = 0
    }

    static func write(_ stream: Stream, to folder: URL) throws -> Written {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var written = Written()
        try stream { detail in
            let json = String(decoding: try encoder.encode(detail), as: UTF8.self)
            let script = "window.BENCH_POINTS = window.BENCH_POINTS || {};\nwindow.BENCH_POINTS[\(detail.id)] = \(HTMLText.scriptSafeJSON(json));\n"
            try json.write(to: folder.appendingPathComponent("\(detail.id).json"), atomically: false, encoding: .utf8)
            try script.write(to: folder.appendingPathComponent("\(detail.id).js"), atomically: false, encoding: .utf8)
            written.points += 1
            written.bytes += json.utf8.count + script.utf8.count
        }
        return written
    }
}
