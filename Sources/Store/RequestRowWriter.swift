import Foundation
import GRDB
import GRDBSQLite
import Metrics

/// Inserts a point's request rows through SQLite's C binding calls on one prepared statement:
/// 10,000 rows of 14 values go through it per point, and building GRDB's argument arrays of
/// boxed values for each row cost about a third of the point's write (docs/performance.md).
enum RequestRowWriter {
    /// SQLite copies the bound bytes before `bind` returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    static func insert(_ records: [RequestRecord], point: Int64, _ db: Database) throws {
        let statement = try db.makeStatement(
            sql: """
                INSERT INTO request (point_id, idx, start_ns, end_ns, prompt_tokens, requested_output_tokens, output_tokens,
                    output_source, ttft, tpot, e2el, error_kind, error_message, events)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let handle = statement.sqliteStatement
        for record in records {
            sqlite3_reset(handle)
            sqlite3_bind_int64(handle, 1, point)
            sqlite3_bind_int64(handle, 2, Int64(record.index))
            sqlite3_bind_int64(handle, 3, record.start)
            sqlite3_bind_int64(handle, 4, record.end)
            sqlite3_bind_int64(handle, 5, Int64(record.promptTokens))
            sqlite3_bind_int64(handle, 6, Int64(record.requestedOutputTokens))
            sqlite3_bind_int64(handle, 7, Int64(record.outputTokens))
            bind(record.outputCountSource.rawValue, 8, handle)
            bind(record.ttft, 9, handle)
            bind(record.tpot, 10, handle)
            bind(record.e2el, 11, handle)
            bind(record.error?.kind.rawValue, 12, handle)
            bind(record.error?.message, 13, handle)
            let events = RequestPacking.packedBytes(record)
            events.withUnsafeBytes { bytes in
                // A zero-length blob still needs a non-null pointer to be a blob rather than NULL.
                _ = sqlite3_bind_blob(handle, 14, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count), transient)
            }
            let result = sqlite3_step(handle)
            guard result == SQLITE_DONE else {
                throw DatabaseError(resultCode: ResultCode(rawValue: result), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
        }
        sqlite3_reset(handle)
    }

    private static func bind(_ text: String?, _ index: Int32, _ handle: OpaquePointer) {
        guard let text else {
            sqlite3_bind_null(handle, index)
            return
        }
        sqlite3_bind_text(handle, index, text, -1, transient)
    }

    private static func bind(_ value: Double?, _ index: Int32, _ handle: OpaquePointer) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }
}
