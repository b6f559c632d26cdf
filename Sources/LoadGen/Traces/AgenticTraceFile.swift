import Foundation

/// A Weka trace file: JSON Lines, one trace object per line (the published corpora's
/// `traces.jsonl`). Blank lines are skipped.
public enum AgenticTraceFile {
    public static func read(_ url: URL) throws(TraceFileError) -> [AgenticTrace] {
        let file = url.path
        var lines: BoundedLines
        do {
            lines = try BoundedLines(path: file, limit: TraceLimits.lineBytes)
        } catch {
            throw failure(error, file: file)
        }
        var traces: [AgenticTrace] = []
        var ids = Set<String>()
        while true {
            let next: ArraySlice<UInt8>?
            do {
                next = try lines.next()
            } catch {
                throw failure(error, file: file)
            }
            guard let line = next else { break }
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
            let number = lines.lineNumber
            guard traces.count < TraceLimits.tracesPerFile else {
                throw TraceFileError(file: file, line: number, problem: "more than \(TraceLimits.tracesPerFile) traces", fix: "split the file")
            }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else {
                throw TraceFileError(
                    file: file, line: number, problem: "is not one JSON object",
                    fix: "write one trace per line as a JSON object (JSON Lines; a pretty-printed trace spans lines and must be compacted)")
            }
            let trace = try TraceObjectReader(file: file, line: number).trace(object)
            guard ids.insert(trace.id).inserted else {
                throw TraceFileError(file: file, line: number, field: "id", problem: "\(trace.id) appears twice", fix: "give each trace a unique id")
            }
            traces.append(trace)
        }
        guard !traces.isEmpty else {
            throw TraceFileError(file: file, line: 0, problem: "holds no traces", fix: "pass a Weka trace JSONL file (bench traces synth writes one)")
        }
        return traces
    }

    private static func failure(_ error: BoundedLines.Failure, file: String) -> TraceFileError {
        switch error {
        case .tooLong(let line):
            TraceFileError(file: file, line: line, problem: "is longer than \(TraceLimits.lineBytes >> 20) MiB", fix: "one trace per line; split very long traces")
        case .unreadable(let reason):
            TraceFileError(file: file, line: 0, problem: "cannot be read: \(reason)", fix: "check the path and its permissions")
        }
    }
}
