/// Why a database could not be used; each names the file and what to do.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case newerSchema(path: String)
    case notADatabase(path: String, detail: String)
    case locked(path: String)
    case failed(path: String, detail: String)
    case noSuchRun(path: String, run: Int64)

    public var description: String {
        switch self {
        case .newerSchema(let path):
            "\(path) was written by a newer bench (its schema has migrations this build does not know); use that bench, or pass --db with another file"
        case .notADatabase(let path, let detail):
            "\(path) is not a bench SQLite database (\(detail)); move it aside or pass --db with another file — nothing was changed"
        case .locked(let path):
            "\(path) is locked by another process (still locked after the busy timeout); wait for it to finish or pass --db with another file"
        case .failed(let path, let detail):
            "\(path): \(detail)"
        case .noSuchRun(let path, let run):
            "\(path) has no run \(run); bench runs list shows the runs it holds"
        }
    }
}
