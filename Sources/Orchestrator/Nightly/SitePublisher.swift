import Dashboard
import Engines
import Foundation

/// Publishes a generated site, only ever whole: into a directory by copy-then-rename (a reader
/// sees the old site or the new one, never a mix), and/or by a shell command such as rsync to a
/// web host, which gets $BENCH_SITE, $BENCH_RUN and $BENCH_SUMMARY.
public enum SitePublisher {
    public static func publish(site: String, to directory: String) -> Result<Void, PublishError> {
        let target = URL(fileURLWithPath: directory).standardizedFileURL
        let staging = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).publishing-\(getpid())")
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? fileManager.removeItem(at: staging)
            try fileManager.copyItem(atPath: site, toPath: staging.path)
            try SiteWriter.swapIntoPlace(staging, target)
            return .success(())
        } catch {
            try? fileManager.removeItem(at: staging)
            return .failure(PublishError("copying \(site) to \(directory): \(error.localizedDescription)"))
        }
    }

    public static func run(command: String, environment: [String: String], timeout: Double = 1800) -> Result<Void, PublishError> {
        let (status, output) = CommandOutput.result("/bin/sh", ["-c", command], environment: environment, timeout: timeout)
        guard status == 0 else {
            let tail = output.split(separator: "\n").suffix(5).joined(separator: " / ")
            return .failure(
                PublishError(
                    "'\(command)' exited with status \(status.map(String.init) ?? "none (could not start)")" + (tail.isEmpty ? "" : ": \(tail)")))
        }
        return .success(())
    }
}

public struct PublishError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
