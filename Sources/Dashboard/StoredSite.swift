import Analysis
import Catalog
import Foundation
import Store

/// The site of a whole results database: points, runs with their engine commands and
/// annotations, and the regression gate's stored verdicts.
public enum StoredSite {
    public enum Failure: Error, CustomStringConvertible {
        case store(StoreError)
        case write(path: String, detail: String)

        public var description: String {
            switch self {
            case .store(let error): error.description
            case .write(let path, let detail): "cannot write \(path): \(detail)"
            }
        }
    }

    /// `redact` takes secrets out of engine commands and failure messages (Engines' Redaction.text;
    /// commands are stored redacted already, but a merged shard or ingested file is outside input).
    /// `beside`: measured points against the simulated engine (Orchestrator's SimResidualSite).
    public static func write(
        store: ResultStore, catalog: Catalog, to output: String, beside: SimulatedBeside? = nil,
        redact: @escaping (String) -> String
    ) throws(Failure) -> SiteWriter.Summary {
        let points: [AnalysisPoint], failed: [(point: AnalysisPoint, reason: String)], runs: [DashboardRun], findings: [StoredFinding]
        let plans: [Int64: ReproduceLine.Plan], pointCommands: [Int64: String]
        do {
            points = try StoredAnalysisPoints.load(store)
            failed = try StoredAnalysisPoints.failed(store)
            let commands = try store.engineCommands()
            let annotations = Dictionary(grouping: try store.annotations(), by: \.runID)
            let formatter = ISO8601DateFormatter()
            runs = try store.runs().map { run in
                DashboardRun(
                    id: run.id, started: formatter.string(from: run.startedAt), status: run.status.rawValue, engine: run.engine ?? run.trigger,
                    clock: run.clock ?? "-", host: run.host, harnessVersion: run.harnessVersion,
                    engineCommands: (commands[run.id] ?? []).map(redact),
                    trigger: run.trigger, annotations: annotations[run.id]?.map(\.text) ?? [])
            }
            findings = try store.findings()
            var stored: [Int64: ReproduceLine.Plan] = [:]
            for run in runs { stored[run.id] = ReproduceLine.Plan(json: try store.run(run.id)?.planJSON) }
            plans = stored
            pointCommands = try store.pointCommands()
        } catch {
            throw .store(error)
        }
        do {
            let byID = Dictionary((points + failed.map(\.point)).map { ($0.pointID, $0) }, uniquingKeysWith: { first, _ in first })
            let details: PointFiles.Stream = { emit in
                try store.forEachPointRequests { id, records in
                    guard let point = byID[id] else { return }
                    let reproduce = plans[point.series.run].map {
                        ReproduceLine.text(
                            plan: $0, config: point.config, isl: point.series.isl, osl: point.series.osl, concurrency: point.concurrency)
                    }
                    try emit(
                        PointDetail(
                            id: id, concurrency: point.concurrency, records: records, command: pointCommands[id], reproduce: reproduce,
                            redact: redact))
                }
            }
            return try SiteWriter.write(
                points: points, failed: failed, runs: runs, findings: findings, details: details, beside: beside,
                catalog: catalog, to: output)
        } catch {
            throw .write(path: output, detail: error.localizedDescription)
        }
    }
}
