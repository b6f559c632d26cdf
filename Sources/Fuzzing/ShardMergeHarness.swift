import Foundation
import GRDB
import Metrics
import Store

/// `bench perf fuzz --target shard-db`: mutated bench databases merged as `bench ingest` and
/// `bench submit --wait` merge a shard. The seeds are a shard as bench writes it and a crafted
/// one (tables without constraints holding NULLs, text and a date that is not one), stored
/// with 1 KiB pages so a whole file fits the fuzzer's 64 KiB inputs.
final class ShardMergeHarness {
    /// The receiving database starts afresh this often, so its size stays bounded.
    private static let mergesPerMainDatabase = 10_000

    let seeds: [[UInt8]]
    private let folder: URL
    private var main: ResultStore
    private var merges = 0

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-fuzz-shard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let valid = folder.appendingPathComponent("seed-valid.sqlite").path
        try Self.writeShard(at: valid)
        let crafted = folder.appendingPathComponent("seed-crafted.sqlite").path
        try FileManager.default.copyItem(atPath: valid, toPath: crafted)
        try Self.craft(crafted)
        seeds = [try Self.bytes(valid), try Self.bytes(crafted)]
        main = try Self.mainStore(in: folder, number: 0, seed: valid)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Merges one mutant; the points it added, 0 when it was refused.
    func merge(_ bytes: [UInt8]) -> Int {
        merges += 1
        if merges % Self.mergesPerMainDatabase == 0, let fresh = try? Self.mainStore(in: folder, number: merges, seed: nil) {
            let old = main.path
            main = fresh
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: old + suffix) }
        }
        let input = folder.appendingPathComponent("input.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: input + suffix) }
        guard FileManager.default.createFile(atPath: input, contents: Data(bytes)) else { return 0 }
        return (try? main.merge(databaseAt: input, batchPoints: 1))?.points ?? 0
    }

    private static func mainStore(in folder: URL, number: Int, seed: String?) throws -> ResultStore {
        let store = try ResultStore(path: folder.appendingPathComponent("main-\(number).sqlite").path)
        // Holding the seed's run makes mutants take the "run already here" path too.
        if let seed { _ = try store.merge(databaseAt: seed) }
        return store
    }

    private static func writeShard(at path: String) throws {
        let store = try ResultStore(path: path)
        let run = try store.beginRun(NewRun(trigger: "manual", harnessVersion: "fuzz", host: "node-2", matrixDigest: "x", uid: "fuzz-run"))
        let deployment = StoredDeployment(
            naturalKey: "d-1", config: "c", model: "m", precision: "fp8", hardware: "h200",
            framework: "sglang", gpus: 8, description: "TP8", tp: 8, ep: 1, dpAttention: false)
        for conc in [4, 8] {
            let records = (0..<3).map { index in
                RequestRecord(
                    index: index, start: Int64(index), end: Int64(index) + 90, promptTokens: 10, requestedOutputTokens: 2,
                    events: [.init(time: Int64(index) + 50, tokens: 1), .init(time: Int64(index) + 90, tokens: 1)], error: nil)
            }
            _ = try store.record(
                StoredPoint(
                    deployment: deployment, isl: 10, osl: 2, concurrency: conc, status: .ok,
                    metrics: PointMetrics(records: records, concurrency: conc, gpus: 8), requests: records,
                    pointKey: "p-\(conc)"), run: run)
        }
        try store.finishRun(run, status: .finished)
    }

    /// The run and point tables rebuilt without constraints, holding what bench never writes.
    private static func craft(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(
                sql: """
                    PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON;
                    ALTER TABLE run RENAME TO run_old; CREATE TABLE run AS SELECT * FROM run_old; DROP TABLE run_old;
                    ALTER TABLE point RENAME TO point_old; CREATE TABLE point AS SELECT * FROM point_old; DROP TABLE point_old;
                    UPDATE run SET finished_at = 'not a date', status = NULL;
                    UPDATE point SET conc = 'many', isl = NULL WHERE id = (SELECT MIN(id) FROM point);
                    UPDATE point SET id = -9223372036854775808 WHERE id = (SELECT MAX(id) FROM point);
                    """)
        }
        try queue.close()
    }

    /// The file compacted to 1 KiB pages in rollback-journal mode, as bytes.
    private static func bytes(_ path: String) throws -> [UInt8] {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
            try db.execute(sql: "PRAGMA page_size = 1024")
            try db.execute(sql: "VACUUM")
        }
        try queue.close()
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
