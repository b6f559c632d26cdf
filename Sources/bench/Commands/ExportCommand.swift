import ArgumentParser
import Foundation
import Matrix
import Store

/// `bench export --out FILE [--format csv|inferencex] [--run RUN]`: stored points as CSV (one row per
/// point) or as InferenceX aggregated result rows, which `bench ingest` reads back.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write stored points as CSV (one row per point with its deployment and metrics) or as InferenceX aggregated result rows (JSON).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, inferencex
    }

    @Option(name: [.customLong("out"), .customLong("csv")], help: "The file to write ('-' for stdout).") var out: String
    @Option(help: "csv, or inferencex: the rows InferenceX's process_result.py writes (ok points only).") var format: Format = .csv
    @Option(name: .customLong("run"), help: "Only this run (default: every run).") var runID: Int64?
    @OptionGroup var database: DatabaseOption

    func run() throws {
        let store = try openStore(database.path, existing: true)
        let rows = try storeCall { () throws(StoreError) in try store.points(run: runID) }
        let text: String
        let written: Int
        switch format {
        case .csv:
            (text, written) = (PointCSV.render(rows), rows.count)
        case .inferencex:
            let exported = InferenceXRows.rows(rows)
            if case let .array(items) = exported { written = items.count } else { written = 0 }
            text = exported.text + "\n"
        }
        if out == "-" { return Console.write(text) }
        do {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
        } catch {
            Console.error("bench export: cannot write \(out): \(error.localizedDescription)")
            throw ExitCode.failure
        }
        Console.error(
            "bench export: \(counted(written, "point")) written to \(out)"
                + (written < rows.count ? " (\(rows.count - written) not ok or agentic-coding, left out)" : ""))
    }
}

/// The CSV layout of `bench export`: latencies in seconds, throughputs in tokens per second.
enum PointCSV {
    static let header = [
        "run_id", "point_id", "point_key", "repeat", "status", "attempt", "config", "model", "precision", "hardware",
        "framework", "gpus", "tp", "ep", "dp_attn", "spec_decoding", "disagg", "isl", "osl", "conc", "completed", "failed",
        "duration_s", "request_throughput", "input_throughput", "output_throughput", "total_throughput", "tput_per_gpu",
        "input_tput_per_gpu", "output_tput_per_gpu", "interactivity", "mean_ttft", "median_ttft", "p99_ttft", "mean_tpot",
        "median_tpot", "p99_tpot", "median_itl", "p99_itl", "median_e2el", "p99_e2el", "avg_power_w", "energy_j",
        "joules_per_token", "error", "engine_command", "finished_at", "median_itl_per_token", "p99_itl_per_token",
    ] + agenticHeader

    /// Agentic-coding points' own statistics (empty cells on fixed-seq-len rows), as InferenceX names them.
    static let agenticHeader = [
        "scenario", "kv_offloading", "theoretical_cache_hit_rate", "server_cache_hit_rate", "server_gpu_cache_hit_rate",
        "server_cpu_cache_hit_rate", "p50_e2e_norm_interactivity", "p75_e2e_norm_interactivity", "p90_e2e_norm_interactivity",
        "p50_interactivity", "p75_interactivity", "p90_interactivity", "p90_ttft", "p90_e2el", "qps", "kv_usage_peak",
        "offload_gbps", "context_overflows",
    ]

    static func agenticCells(_ row: PointRow) -> [String] {
        guard let agentic = row.agentic else { return [row.deployment.scenario ?? "fixed-seq-len"] + Array(repeating: "", count: agenticHeader.count - 1) }
        let a = agentic.metrics, server = agentic.server
        let numbers: [Double?] = [
            a.theoreticalCacheHitRate, server?.overallHitRate, server?.gpuHitRate, server?.cpuHitRate, a.e2eNormalizedInteractivity?.p50,
            a.e2eNormalizedInteractivity?.p75, a.e2eNormalizedInteractivity?.p90, a.interactivity?.p50, a.interactivity?.p75,
            a.interactivity?.p90, a.ttft?.p90, a.e2el?.p90, a.meanQPS, server?.kvUsagePeak, server?.offloadGBps(durationSeconds: a.durationSeconds),
        ]
        return [row.deployment.scenario ?? "agentic-coding", row.deployment.kvOffloading ?? ""] + numbers.map { $0.map { String($0) } ?? "" }
            + [String(agentic.contextOverflows)]
    }

    static func render(_ rows: [PointRow]) -> String {
        let formatter = ISO8601DateFormatter()
        var lines = [header.joined(separator: ",")]
        for row in rows {
            let m = row.metrics, d = row.deployment
            func value(_ number: Double?) -> String { number.map { String($0) } ?? "" }
            func value(_ number: Int?) -> String { number.map { String($0) } ?? "" }
            func value(_ flag: Bool?) -> String { flag.map { $0 ? "true" : "false" } ?? "" }
            let cells: [String] = [
                String(row.runID), String(row.id), row.pointKey, String(row.repeatIndex), row.status.rawValue, String(row.attempt), d.config, d.model,
                d.precision, d.hardware, d.framework, String(d.gpus), value(d.tp), value(d.ep), value(d.dpAttention), d.specDecoding ?? "",
                value(d.disaggregated), String(row.isl), String(row.osl), String(row.concurrency), value(m?.completed), value(m?.failed),
                value(m?.durationSeconds), value(m?.requestThroughput), value(m?.inputThroughput), value(m?.outputThroughput),
                value(m?.totalThroughput), value(m?.totalThroughputPerGPU), value(m?.inputThroughputPerGPU), value(m?.outputThroughputPerGPU),
                value(m?.interactivity), value(m?.ttft?.mean), value(m?.ttft?.median), value(m?.ttft?.p99), value(m?.tpot?.mean),
                value(m?.tpot?.median), value(m?.tpot?.p99), value(m?.itl?.median), value(m?.itl?.p99), value(m?.e2el?.median),
                value(m?.e2el?.p99), value(row.power?.averageWatts), value(row.power?.energyJoules), value(row.power?.joulesPerToken),
                row.error ?? "", row.engineCommand ?? "", formatter.string(from: row.finishedAt),
                value(m?.itlPerToken?.median), value(m?.itlPerToken?.p99),
            ] + agenticCells(row)
            lines.append(cells.map(CSVField.quoted).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
