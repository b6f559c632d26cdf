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

    public static func write(store: ResultStore, catalog: Catalog, to output: String) throws(Failure) -> SiteWriter.Summary {
        let points: [AnalysisPoint], failed: [(point: AnalysisPoint, reason: String)], runs: [DashboardRun], findings: [StoredFinding]
        do {
            points = try StoredAnalysisPoints.load(store)
            failed = try StoredAnalysisPoints.failed(store)
            let commands = try store.engineCommands()
            let annotations = Dictionary(grouping: try store.annotations(), by: \.runID)
            let formatter = ISO8601DateFormatter()
            runs = try store.runs().map { run in
                DashboardRun(id: run.id, started: formatter.string(from: run.startedAt), status: run.status.rawValue, engine: run.engine ?? run.trigger,
                             clock: run.clock ?? "-", host: run.host, harnessVersion: run.harnessVersion, engineCommands: commands[run.id] ?? [],
                             trigger: run.trigger, annotations: annotations[run.id]?.map(\.text) ?? [])
            }
            findings = try store.findings()
        } catch {
            throw .store(error)
        }
        do {
            return try SiteWriter.write(points: points, failed: failed, runs: runs, findings: findings, catalog: catalog, to: output)
        } catch {
            throw .write(path: output, detail: error.localizedDescription)
        }
    }
}
