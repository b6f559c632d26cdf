import Foundation

/// One nightly at a time: an exclusive flock(2) on a lock file holding the holder's pid, host and
/// start time. The kernel drops the lock when its process dies however it dies, so a lock left by a
/// dead nightly is recovered by the next one (and said so); a live holder is named in the refusal.
public final class NightlyLock {
    public enum Failure: Error, CustomStringConvertible {
        case held(path: String, holder: String)
        case unusable(path: String, detail: String)

        public var description: String {
            switch self {
            case .held(let path, let holder):
                "another nightly holds \(path) (\(holder)); it is still running: wait for it, or stop it (a lock of a dead process is recovered by itself)"
            case .unusable(let path, let detail):
                "cannot use the lock file \(path): \(detail); fix its folder's permissions or set 'lock:' in the config"
            }
        }
    }

    public let path: String
    /// What the previous holder left in the file when it died holding the lock (nil: a clean start).
    public let recoveredFrom: String?
    private let descriptor: Int32

    public init(path: String) throws(Failure) {
        self.path = path
        try? FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path,
            withIntermediateDirectories: true)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .unusable(path: path, detail: String(cString: strerror(errno))) }
        let previous = Self.contents(fd)
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            close(fd)
            if reason == EWOULDBLOCK { throw .held(path: path, holder: previous.isEmpty ? "holder unknown" : previous) }
            throw .unusable(path: path, detail: String(cString: strerror(reason)))
        }
        descriptor = fd
        // The file is emptied on a clean release: text left in it means its holder died.
        recoveredFrom = previous.isEmpty ? nil : previous
        let holder = "pid \(getpid()) on \(ProcessInfo.processInfo.hostName), started \(ISO8601DateFormatter().string(from: Date()))"
        _ = ftruncate(fd, 0)
        _ = holder.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    /// Empties the file and drops the lock.
    public func release() {
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private static func contents(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = pread(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return "" }
        return String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
