import Analysis
import Store

/// The stored points the analysis reads: every `ok` point with a result, as AnalysisPoint
/// (series = the point's deployment fields and its run).
public enum StoredAnalysisPoints {
    public static func load(_ store: ResultStore) throws(StoreError) -> [AnalysisPoint] {
        try store.headlines().map(point)
    }

    /// Points measured but failed by the failure gate, with why: the dashboard draws them hollow,
    /// off every frontier.
    static func failed(_ store: ResultStore) throws(StoreError) -> [(point: AnalysisPoint, reason: String)] {
        try store.headlines(failed: true).map { (point($0), $0.error ?? "failed") }
    }

    private static func point(_ row: HeadlineRow) -> AnalysisPoint {
        let deployment = row.deployment
        // An agentic deployment with a DRAM tier is its own line beside the same engine without one.
        let framework = deployment.kvOffloading.map { $0 == "none" ? deployment.framework : "\(deployment.framework) kv-\($0)" } ?? deployment.framework
        let series = SeriesKey(
            model: deployment.model, precision: deployment.precision, isl: row.isl, osl: row.osl,
            hardware: deployment.hardware, framework: framework,
            specDecoding: deployment.specDecoding ?? "none", disaggregated: deployment.disaggregated ?? false,
            run: row.runID)
        return AnalysisPoint(
            series: series, pointID: row.pointID, concurrency: row.concurrency, gpus: deployment.gpus,
            interactivity: row.interactivity, e2el: row.medianE2EL, totalPerGPU: row.totalPerGPU,
            inputPerGPU: row.inputPerGPU, outputPerGPU: row.outputPerGPU, measuredJoulesPerToken: row.joulesPerToken,
            deployment: deployment.description, config: deployment.config, date: row.finishedAt,
            repeatIndex: row.repeatIndex,
            tails: LatencyTails(
                tpotP90: row.tpotP90, tpotP99: row.tpotP99, e2elP90: row.e2elP90, e2elP99: row.e2elP99,
                ttftMedian: row.ttftMedian, ttftP90: row.ttftP90, ttftP99: row.ttftP99),
            agentic: row.agentic.map {
                AgenticFigures(
                    e2eNormalizedInteractivityP90: $0.p90E2ENormalizedInteractivity, e2eNormalizedInteractivityP75: $0.p75E2ENormalizedInteractivity,
                    interactivityP90: $0.p90Interactivity, ttftP90: row.ttftP90, theoreticalCacheHitRate: $0.theoreticalCacheHitRate,
                    serverCacheHitRate: $0.serverCacheHitRate)
            })
    }
}
