import Foundation
import Store

/// A fresh results database (`bench.sqlite` in a temporary folder) for the length of `body`;
/// the folder goes afterwards.
public func withTemporaryStore<T>(_ body: (ResultStore, URL) throws -> T) throws -> T {
    try withTemporaryDirectory("store") { folder in
        try body(try ResultStore(path: folder.appendingPathComponent("bench.sqlite").path), folder)
    }
}

/// The same for async tests.
public func withTemporaryStore<T>(_ body: (ResultStore, URL) async throws -> T) async throws -> T {
    try await withTemporaryDirectory("store") { folder in
        try await body(try ResultStore(path: folder.appendingPathComponent("bench.sqlite").path), folder)
    }
}
