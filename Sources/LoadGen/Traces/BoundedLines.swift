import Foundation

/// The lines of a file, read in 1 MiB chunks, none longer than a limit: a trace file can be
/// gigabytes, and one without a newline must not be read whole.
struct BoundedLines {
    enum Failure: Error {
        case tooLong(line: Int)
        case unreadable(String)
    }

    private let handle: FileHandle
    private let limit: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private(set) var lineNumber = 0

    init(path: String, limit: Int) throws(Failure) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable("cannot open it") }
        self.handle = handle
        self.limit = limit
    }

    /// The next line without its newline (and CR), or nil at the end of the file.
    mutating func next() throws(Failure) -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                lineNumber += 1
                var line = buffer[start..<newline]
                start = newline + 1
                if line.last == 0x0D { line = line.dropLast() }
                guard line.count <= limit else { throw .tooLong(line: lineNumber) }
                return line
            }
            guard buffer.count - start <= limit else { throw .tooLong(line: lineNumber + 1) }
            if atEnd {
                guard start < buffer.count else { return nil }
                lineNumber += 1
                let line = buffer[start...]
                start = buffer.count
                return line
            }
            buffer.removeSubrange(0..<start)
            start = 0
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw .unreadable(error.localizedDescription)
            }
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}
