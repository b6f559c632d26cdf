import Foundation

/// A new empty folder under the system's temporary directory, named `prefix-<UUID>`, for the
/// length of `body`; removed with everything in it afterwards, also when `body` throws.
@discardableResult
public func withTemporaryDirectory<T>(_ prefix: String = "bench", _ body: (URL) throws -> T) throws -> T {
    let folder = try makeTemporaryDirectory(prefix)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}

/// The same for async tests.
@discardableResult
public func withTemporaryDirectory<T>(_ prefix: String = "bench", _ body: (URL) async throws -> T) async throws -> T {
    let folder = try makeTemporaryDirectory(prefix)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try await body(folder)
}

private func makeTemporaryDirectory(_ prefix: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

extension URL {
    /// Writes `text` to the file `name` in this folder; returns its path.
    public func writing(_ text: String, to name: String) throws -> String {
        let path = appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
