import Matrix
import Metrics

/// Stored points as InferenceX aggregated result rows, the fields its `utils/process_result.py`
/// writes (and its app reads): the deployment, per-GPU throughputs with InferenceX's denominators,
/// every latency statistic in seconds under `<stat>_<metric>`, `<stat>_intvty = 1 / <stat>_tpot`
/// (std included, as there) and measured power. Points that are not ok, or have no metrics, have no
/// row: InferenceX records successful runs only.
public enum InferenceXRows {
    public static func rows(_ points: [PointRow]) -> JSONValue {
        .array(points.compactMap(row))
    }

    /// Fixed-seq-len points only: InferenceX writes agentic results in another shape (its agentic aggregate).
    static func row(_ point: PointRow) -> JSONValue? {
        guard point.status == .ok, !point.deployment.isAgentic, let metrics = point.metrics else { return nil }
        let d = point.deployment
        var fields: [(String, JSONValue)] = [
            ("hw", .string(d.hardware)), ("conc", .int(point.concurrency)), ("model", .string(d.model)),
            ("framework", .string(d.framework)), ("precision", .string(d.precision)), ("spec_decoding", .string(d.specDecoding ?? "none")),
            ("disagg", .bool(d.disaggregated ?? false)), ("isl", .int(point.isl)), ("osl", .int(point.osl)),
        ]
        let topology = d.topology ?? .singleNode(tp: d.tp ?? d.gpus, ep: d.ep ?? 1, dpAttention: d.dpAttention ?? false)
        if let prefill = topology.prefill, let decode = topology.decode {
            // process_result.py: with no decode GPUs the decode pool reads tp 0, ep 0, pp/dcp/pcp 1.
            let hasDecode = decode.gpus > 0
            fields +=
                [("is_multinode", .bool(true))]
                + pool("prefill", prefill) + pool("decode", decode, present: hasDecode)
                + [("num_prefill_gpu", .int(prefill.gpus)), ("num_decode_gpu", .int(decode.gpus))]
        } else {
            fields += [
                ("is_multinode", .bool(false)), ("tp", .int(topology.tp)), ("pp", .int(topology.pp)), ("dcp_size", .int(topology.dcp)),
                ("pcp_size", .int(topology.pcp)), ("ep", .int(topology.ep)), ("dp_attention", .string(String(topology.dpAttention))),
            ]
        }
        fields += [
            ("tput_per_gpu", metrics.totalThroughputPerGPU.json), ("output_tput_per_gpu", metrics.outputThroughputPerGPU.json),
            ("input_tput_per_gpu", metrics.inputThroughputPerGPU.json),
        ]
        for (name, distribution) in [("ttft", metrics.ttft), ("tpot", metrics.tpot), ("itl", metrics.itl), ("e2el", metrics.e2el)] {
            for (stat, value) in statistics(distribution) {
                fields.append(("\(stat)_\(name)", .number(value)))
                if name == "tpot", value > 0 { fields.append(("\(stat)_intvty", .number(1 / value))) }
            }
        }
        if let power = point.power {
            fields += [
                ("avg_power_w", .number(power.averageWatts)), ("total_gpu_energy_j", .number(power.energyJoules)),
                ("joules_per_total_token", power.joulesPerToken.json),
            ]
        }
        return .object(fields)
    }

    private static func pool(_ role: String, _ pool: StoredTopology.Pool, present: Bool = true) -> [(String, JSONValue)] {
        [
            ("\(role)_tp", .int(present ? pool.tp : 0)), ("\(role)_pp", .int(present ? pool.pp : 1)),
            ("\(role)_dcp_size", .int(present ? pool.dcp : 1)), ("\(role)_pcp_size", .int(present ? pool.pcp : 1)),
            ("\(role)_ep", .int(present ? pool.ep : 0)), ("\(role)_dp_attention", .string(String(pool.dpAttention))),
            ("\(role)_num_workers", .int(pool.workers)),
        ]
    }

    /// The statistics a distribution has, under vLLM's names, seconds.
    private static func statistics(_ distribution: Distribution?) -> [(String, Double)] {
        guard let d = distribution else { return [] }
        let values: [(String, Double?)] = [
            ("mean", d.mean), ("median", d.median), ("std", d.std), ("p90", d.p90), ("p99", d.p99),
            ("p99.9", d.p999),
        ]
        return values.compactMap { name, value in value.map { (name, $0) } }
    }
}
