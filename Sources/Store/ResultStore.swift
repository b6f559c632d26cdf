import Foundation
import GRDB
import Metrics

/// The results database: runs, deployments, points, their metrics and every request.
/// WAL, foreign keys, a busy timeout; one point is written in one transaction.
public final class ResultStore: Sendable {
    public let path: String
    private let pool: DatabasePool

    /// Opens (creating and migrating when needed) the database at `path`. A writer waits up to
    /// `busyTimeoutSeconds` for another (a concurrent `bench ingest` merge, a second sweep) before
    /// it gives up on a point: 60 s, far above one merge batch or one point's transaction.
    public init(path: String, busyTimeoutSeconds: Double = 60) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeoutSeconds)
        configuration.prepareDatabase { db in
            // 64 KiB pages (the most SQLite allows): a point's ~13 MB of request rows takes ~60 ms
            // to write instead of ~200 ms with 4 KiB pages (docs/performance.md). Only a new file
            // takes it; it must come before WAL mode, which fixes the page size.
            try db.execute(sql: "PRAGMA page_size = 65536")
            // WAL with synchronous=NORMAL: a commit is not fsynced (checkpoints are). A killed bench
            // loses nothing committed and the file stays consistent; only a power cut can drop the
            // last points, which a resume runs again.
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536")
        }
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let migrator = Schema.migrator
            // A newer file is refused before the pool opens it: opening a pool writes (GRDB creates
            // and drops a table to set up WAL), and a newer bench's file must stay as it was. One
            // plain connection only reads; being writable, it also removes the WAL files it opened.
            if FileManager.default.fileExists(atPath: path) {
                if try DatabaseQueue(path: path).read({ try migrator.hasBeenSuperseded($0) }) {
                    throw StoreError.newerSchema(path: path)
                }
            }
            pool = try DatabasePool(path: path, configuration: configuration)
            try migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.classify(error, path: path)
        }
    }

    static func classify(_ error: any Error, path: String) -> StoreError {
        guard let database = error as? DatabaseError else { return .failed(path: path, detail: "\(error)") }
        switch database.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .notADatabase(path: path, detail: database.message ?? "\(database.resultCode)")
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path)
        default: return .failed(path: path, detail: database.description)
        }
    }

    /// Starts a run; returns its id.
    public func beginRun(_ run: NewRun) throws(StoreError) -> Int64 {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO run (trigger, started_at, status, harness_version, host, matrix_digest, uid, plan_json, engine, clock, pid)
                    VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.trigger, run.startedAt, run.harnessVersion, run.host, run.matrixDigest, run.uid, run.planJSON,
                    run.engine, run.clock, run.pid,
                ])
            return db.lastInsertedRowID
        }
    }

    public func finishRun(_ id: Int64, status: RunStatus, at time: Date = Date()) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE run SET status = ?, finished_at = ?, pid = NULL WHERE id = ?", arguments: [status.rawValue, time, id])
        }
    }

    /// Marks a run running again under this process (for `--resume`).
    public func reopenRun(_ id: Int64, pid: Int32) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE run SET status = 'running', finished_at = NULL, pid = ? WHERE id = ?", arguments: [pid, id])
        }
    }

    /// Stores one measured point: its deployment (found or added by natural key), the point, its
    /// metrics and every request with its events, all in one transaction.
    /// With `replacingFailed`, a failed point already stored in the same slot is deleted in the
    /// same transaction and the new one is stored as its next attempt.
    public func record(_ point: StoredPoint, run: Int64, replacingFailed: Bool = false) throws(StoreError) -> Int64 {
        try write { db in try Self.insert(point, run: run, replacingFailed: replacingFailed, db) }
    }

    /// `record`'s writes inside a caller's transaction (an ingest stores a whole file in one).
    static func insert(_ point: StoredPoint, run: Int64, replacingFailed: Bool = false, _ db: Database) throws -> Int64 {
        let deployment = try Self.deploymentID(point.deployment, db)
        var point = point
        if replacingFailed,
            let previous = try Row.fetchOne(
                db,
                sql: """
                    SELECT id, attempt FROM point WHERE run_id = ? AND deployment_id = ? AND isl = ? AND osl = ? AND conc = ?
                        AND repeat_index = ? AND status <> 'ok'
                    """, arguments: [run, deployment, point.isl, point.osl, point.concurrency, point.repeatIndex])
        {
            try db.execute(sql: "DELETE FROM point WHERE id = ?", arguments: [previous["id"] as Int64])
            point.attempt = (previous["attempt"] as Int) + 1
        }
        try db.execute(
            sql: """
                INSERT INTO point (run_id, deployment_id, isl, osl, conc, status, attempt, error, engine_command, finished_at,
                    point_key, repeat_index)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                run, deployment, point.isl, point.osl, point.concurrency, point.status.rawValue, point.attempt, point.error,
                point.engineCommand, point.finishedAt, point.pointKey, point.repeatIndex,
            ])
        let pointID = db.lastInsertedRowID
        if let metrics = point.metrics {
            let json = String(decoding: try JSONEncoder().encode(metrics), as: UTF8.self)
            try db.execute(
                sql: """
                    INSERT INTO result (point_id, completed, failed, duration_s, request_throughput, input_throughput,
                        output_throughput, total_throughput, tput_per_gpu, output_tput_per_gpu, input_tput_per_gpu,
                        interactivity, median_ttft, median_tpot, p99_ttft, p99_tpot, metrics_json,
                        avg_power_w, energy_j, joules_per_token, gpu_util, median_e2el, power_samples, power_interval_s)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    pointID, metrics.completed, metrics.failed, metrics.durationSeconds, metrics.requestThroughput,
                    metrics.inputThroughput, metrics.outputThroughput, metrics.totalThroughput,
                    metrics.totalThroughputPerGPU, metrics.outputThroughputPerGPU, metrics.inputThroughputPerGPU,
                    metrics.interactivity, metrics.ttft?.median, metrics.tpot?.median, metrics.ttft?.p99,
                    metrics.tpot?.p99, json, point.power?.averageWatts, point.power?.energyJoules,
                    point.power?.joulesPerToken, point.power?.averageUtilization, metrics.e2el?.median,
                    point.power?.samples, point.power?.intervalSeconds,
                ])
        }
        if let agentic = point.agentic {
            try AgenticResultRow.insert(agentic, point: pointID, db)
        }
        try RequestRowWriter.insert(point.requests, point: pointID, db)
        return pointID
    }

    /// Runs, newest first, with how many points each stored.
    public func runs() throws(StoreError) -> [RunSummary] {
        try read { db in
            try Row.fetchAll(db, sql: Self.runSummarySQL + " GROUP BY run.id ORDER BY run.id DESC").map(Self.runSummary)
        }
    }

    /// The requests stored for a point, in index order, with their events.
    public func requests(point: Int64) throws(StoreError) -> [RequestRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM request WHERE point_id = ? ORDER BY idx", arguments: [point]).map(RequestPacking.record)
        }
    }

    static let runSummarySQL = """
        SELECT run.*, COUNT(point.id) AS points, COALESCE(SUM(point.status <> 'ok'), 0) AS failed_points
        FROM run LEFT JOIN point ON point.run_id = run.id
        """

    static func runSummary(_ row: Row) -> RunSummary {
        RunSummary(
            id: row["id"], trigger: row["trigger"], startedAt: row["started_at"], finishedAt: row["finished_at"],
            status: RunStatus(stored: row["status"]), points: row["points"], failedPoints: row["failed_points"], engine: row["engine"],
            clock: row["clock"], host: row["host"], harnessVersion: row["harness_version"])
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw Self.classify(error, path: path)
        }
    }

    /// For what SQLite refuses inside a transaction (ATTACH); the body opens its own.
    func writeOutsideTransaction<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.writeWithoutTransaction(body)
        } catch {
            throw Self.classify(error, path: path)
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.write(body)
        } catch {
            throw Self.classify(error, path: path)
        }
    }

    static func deploymentID(_ deployment: StoredDeployment, _ db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM deployment WHERE natural_key = ?", arguments: [deployment.naturalKey]) {
            return id
        }
        try db.execute(
            sql: """
                INSERT INTO deployment (natural_key, config, model, precision, hardware, framework, gpus, description,
                    tp, ep, dp_attn, spec_decoding, disagg, topology_json, scenario, kv_offloading)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                deployment.naturalKey, deployment.config, deployment.model, deployment.precision, deployment.hardware,
                deployment.framework, deployment.gpus, deployment.description, deployment.tp, deployment.ep,
                deployment.dpAttention, deployment.specDecoding, deployment.disaggregated,
                try deployment.topology.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) },
                deployment.scenario, deployment.kvOffloading,
            ])
        return db.lastInsertedRowID
    }
}
