/// InferenceX's aggregated result rows, as its `utils/process_result.py` writes them: the
/// deployment (`hw`, `framework`, `precision`, `spec_decoding`, `disagg`, `tp`/`pp`/`dcp_size`/
/// `pcp_size`/`ep`/`dp_attention`, or `prefill_*`/`decode_*` pools with `num_prefill_gpu` and
/// `num_decode_gpu`), per-GPU throughputs and latencies in seconds (`*_ms` keys divided by 1000).
enum InferenceXRowReader {
    static func read(_ row: ResultObject) -> ReportedResult {
        var result = ReportedResult(format: .inferenceX)
        result.throughput = .perGPU(
            total: row.number("tput_per_gpu") ?? 0, input: row.number("input_tput_per_gpu"),
            output: row.number("output_tput_per_gpu") ?? 0)
        result.ttft = LatencyKeys.distribution(row, metric: "ttft", suffix: "", scale: 1, count: 0)
        result.tpot = LatencyKeys.distribution(row, metric: "tpot", suffix: "", scale: 1, count: 0)
        result.itl = LatencyKeys.distribution(row, metric: "itl", suffix: "", scale: 1, count: 0)
        result.e2el = LatencyKeys.distribution(row, metric: "e2el", suffix: "", scale: 1, count: 0)
        result.power = power(row)

        var settings = IngestSettings()
        settings.hardware = row.text("hw")
        settings.framework = row.text("framework")
        settings.precision = row.text("precision")
        settings.model = row.text("model")
        settings.isl = row.whole("isl")
        settings.osl = row.whole("osl")
        settings.concurrency = row.whole("conc")
        settings.specDecoding = row.text("spec_decoding")
        settings.disaggregated = row.flag("disagg")
        settings.topology = topology(row)
        settings.gpus = settings.topology?.gpus
        settings.tp = settings.topology?.tp
        settings.ep = settings.topology?.ep
        settings.dpAttention = settings.topology?.dpAttention
        result.settings = settings
        return result
    }

    /// Multi-node rows carry both pools and their GPU counts (`num_decode_gpu` 0: aggregated on the prefill
    /// workers); single-node rows tp·pp·pcp GPUs.
    private static func topology(_ row: ResultObject) -> StoredTopology? {
        if row.flag("is_multinode") == true || row.has("num_prefill_gpu") {
            guard let prefill = pool(row, "prefill"), let decode = pool(row, "decode") else { return nil }
            return .multiNode(prefill: prefill, decode: decode)
        }
        guard let tp = row.whole("tp") else { return nil }
        return .singleNode(
            tp: tp, ep: row.whole("ep") ?? 1, dpAttention: row.flag("dp_attention") ?? false,
            pp: row.whole("pp") ?? 1, dcp: row.whole("dcp_size") ?? 1, pcp: row.whole("pcp_size") ?? 1)
    }

    /// A pool from its `<role>_*` fields; its worker count comes from `num_<role>_gpu` when the row's
    /// `<role>_num_workers` disagrees with it (the GPU count is what InferenceX divides by).
    private static func pool(_ row: ResultObject, _ role: String) -> StoredTopology.Pool? {
        guard let workers = row.whole("\(role)_num_workers") else { return nil }
        let gpus = row.whole("num_\(role)_gpu")
        let tp = row.whole("\(role)_tp") ?? 0, pp = row.whole("\(role)_pp") ?? 1, pcp = row.whole("\(role)_pcp_size") ?? 1
        // process_result.py writes decode tp/ep 0 when there are no decode GPUs.
        if gpus == 0 || tp == 0 {
            return StoredTopology.Pool(
                workers: 0, tp: max(tp, 1), ep: max(row.whole("\(role)_ep") ?? 1, 1),
                dpAttention: row.flag("\(role)_dp_attention") ?? false, pp: pp, dcp: row.whole("\(role)_dcp_size") ?? 1, pcp: pcp)
        }
        return StoredTopology.Pool(
            workers: workers, tp: tp, ep: row.whole("\(role)_ep") ?? 1,
            dpAttention: row.flag("\(role)_dp_attention") ?? false, pp: pp,
            dcp: row.whole("\(role)_dcp_size") ?? 1, pcp: pcp)
    }

    /// Measured power when the row has a valid figure (`power_valid` 1, or rows from before it existed).
    private static func power(_ row: ResultObject) -> MeasuredPower? {
        guard row.flag("power_valid") != false, let watts = row.number("avg_power_w") else { return nil }
        return MeasuredPower(
            averageWatts: watts, energyJoules: row.number("total_gpu_energy_j") ?? 0,
            joulesPerToken: row.number("joules_per_total_token"), averageUtilization: nil)
    }
}
