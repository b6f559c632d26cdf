import Foundation
import GRDB
import Metrics

/// The results database: runs, deployments, points, their metrics and every request.
/// WAL, foreign keys, a busy timeout; one point is written in one transaction.
public final class ResultStore: Sendable {
    public let path: String
    private let pool: DatabasePool

    /// Opens (creating and migrating when needed) the database at `path`.
    public init(path: String, busyTimeoutSeconds: Double = 5) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeoutSeconds)
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            pool = try DatabasePool(path: path, configuration: configuration)
            let migrator = Schema.migrator
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) { throw StoreError.newerSchema(path: path) }
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
            try db.execute(sql: """
                INSERT INTO run (trigger, started_at, status, harness_version, host, matrix_digest)
                VALUES (?, ?, 'running', ?, ?, ?)
                """, arguments: [run.trigger, run.startedAt, run.harnessVersion, run.host, run.matrixDigest])
            return db.lastInsertedRowID
        }
    }

    public func finishRun(_ id: Int64, status: String, at time: Date = Date()) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE run SET status = ?, finished_at = ? WHERE id = ?", arguments: [status, time, id])
        }
    }

    /// Stores one measured point: its deployment (found or added by natural key), the point, its
    /// metrics and every request with its events, all in one transaction.
    public func record(_ point: StoredPoint, run: Int64) throws(StoreError) -> Int64 {
        try write { db in
            let deployment = try Self.deploymentID(point.deployment, db)
            try db.execute(sql: """
                INSERT INTO point (run_id, deployment_id, isl, osl, conc, status, attempt, error, engine_command, finished_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [run, deployment, point.isl, point.osl, point.concurrency, point.status, point.attempt, point.error,
                                 point.engineCommand, point.finishedAt])
            let pointID = db.lastInsertedRowID
            if let metrics = point.metrics {
                let json = String(decoding: try JSONEncoder().encode(metrics), as: UTF8.self)
                try db.execute(sql: """
                    INSERT INTO result (point_id, completed, failed, duration_s, request_throughput, input_throughput,
                        output_throughput, total_throughput, tput_per_gpu, output_tput_per_gpu, input_tput_per_gpu,
                        interactivity, median_ttft, median_tpot, p99_ttft, p99_tpot, metrics_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [pointID, metrics.completed, metrics.failed, metrics.durationSeconds, metrics.requestThroughput,
                                     metrics.inputThroughput, metrics.outputThroughput, metrics.totalThroughput,
                                     metrics.totalThroughputPerGPU, metrics.outputThroughputPerGPU, metrics.inputThroughputPerGPU,
                                     metrics.interactivity, metrics.ttft?.median, metrics.tpot?.median, metrics.ttft?.p99,
                                     metrics.tpot?.p99, json])
            }
            let insert = try db.makeStatement(sql: """
                INSERT INTO request (point_id, idx, start_ns, end_ns, prompt_tokens, requested_output_tokens, output_tokens,
                    output_source, ttft, tpot, e2el, error_kind, error_message, events)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for record in point.requests {
                try insert.execute(arguments: [pointID, record.index, record.start, record.end, record.promptTokens,
                                               record.requestedOutputTokens, record.outputTokens,
                                               record.outputCountSource.rawValue, record.ttft, record.tpot, record.e2el,
                                               record.error?.kind.rawValue, record.error?.message, RequestPacking.pack(record)])
            }
            return pointID
        }
    }

    /// Runs, newest first, with how many points each stored.
    public func runs() throws(StoreError) -> [RunSummary] {
        do {
            return try pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT run.id, run.trigger, run.started_at, run.finished_at, run.status, COUNT(point.id) AS points
                    FROM run LEFT JOIN point ON point.run_id = run.id GROUP BY run.id ORDER BY run.id DESC
                    """).map { RunSummary(id: $0["id"], trigger: $0["trigger"], startedAt: $0["started_at"], finishedAt: $0["finished_at"],
                                          status: $0["status"], points: $0["points"]) }
            }
        } catch {
            throw Self.classify(error, path: path)
        }
    }

    /// The requests stored for a point, in index order, with their events.
    public func requests(point: Int64) throws(StoreError) -> [RequestRecord] {
        do {
            return try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM request WHERE point_id = ? ORDER BY idx", arguments: [point]).map(RequestPacking.record)
            }
        } catch {
            throw Self.classify(error, path: path)
        }
    }

    private func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.write(body)
        } catch {
            throw Self.classify(error, path: path)
        }
    }

    private static func deploymentID(_ deployment: StoredDeployment, _ db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM deployment WHERE natural_key = ?", arguments: [deployment.naturalKey]) {
            return id
        }
        try db.execute(sql: """
            INSERT INTO deployment (natural_key, config, model, precision, hardware, framework, gpus, description)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [deployment.naturalKey, deployment.config, deployment.model, deployment.precision, deployment.hardware,
                             deployment.framework, deployment.gpus, deployment.description])
        return db.lastInsertedRowID
    }
}
