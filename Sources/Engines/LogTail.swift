import Foundation

/// The end of an engine's log: what a failed point shows as its error.
public enum LogTail {
    /// The last `lines` lines of the file (reading at most its last 64 KiB), secrets redacted
    /// (it becomes a stored error); "" when unreadable.
    public static func read(_ path: String, lines: Int = 20) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 65_536 ? size - 65_536 : 0)
        let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        let tail = text.split(separator: "\n", omittingEmptySubsequences: false)
            .suffix(lines + 1).joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return Redaction.text(tail)
    }
}
