/// The flat record of one benchmark point that `json` and `csv` exports share:
/// one list of (column, value) pairs so the two formats cannot drift apart.
public enum PointRecord {
    /// Column order of the `csv` export (and key order of the `json` one, before the pools).
    public static let columns = [
        "id", "deployment-id", "config", "image", "model", "model-prefix", "precision", "framework", "runner",
        "hardware", "multinode", "disagg", "router", "kv-p2p-transfer", "spec-decoding", "moe-backend",
        "isl", "osl", "conc", "max-model-len", "gpus", "tp", "ep", "dp-attn", "pp", "dcp-size", "pcp-size",
        "prefill-num-worker", "prefill-tp", "prefill-ep", "prefill-dp-attn", "prefill-gpus", "prefill-additional-settings",
        "decode-num-worker", "decode-tp", "decode-ep", "decode-dp-attn", "decode-gpus", "decode-additional-settings",
        "exp-name", "source",
    ]

    /// The record's fields in `columns` order; `.null` where a field does not apply.
    public static func fields(_ point: BenchmarkPoint, hardware: HardwareNaming?) -> [(String, JSONValue)] {
        let d = point.deployment
        var values: [String: JSONValue] = [
            "id": .string(point.id), "deployment-id": .string(d.id), "config": .string(d.configKey),
            "image": .string(d.image), "model": .string(d.model), "model-prefix": .string(d.modelPrefix),
            "precision": .string(d.precision), "framework": .string(d.framework), "runner": .string(d.runner),
            "hardware": hardware?.hardwareName(forRunner: d.runner).json ?? .null,
            "multinode": .bool(d.multinode), "disagg": .bool(d.disagg), "router": d.router.json,
            "kv-p2p-transfer": d.kvP2PTransfer.json, "spec-decoding": .string(d.specDecoding),
            "moe-backend": d.moeBackend.json, "isl": .int(d.isl), "osl": .int(d.osl), "conc": .int(point.conc),
            "max-model-len": .int(d.maxModelLen), "gpus": .int(d.gpus), "exp-name": .string(d.expName),
            "source": .string(point.source),
        ]
        switch d.topology {
        case let .singleNode(p):
            values["tp"] = .int(p.tp)
            values["ep"] = .int(p.ep ?? 1)
            values["dp-attn"] = .bool(p.dpAttn ?? false)
            values["pp"] = .int(p.pp ?? 1)
            values["dcp-size"] = .int(p.dcpSize ?? 1)
            values["pcp-size"] = .int(p.pcpSize ?? 1)
        case let .multiNode(prefill, decode):
            for (role, pool) in [("prefill", prefill), ("decode", decode)] {
                values["\(role)-num-worker"] = .int(pool.numWorker)
                values["\(role)-tp"] = .int(pool.tp)
                values["\(role)-ep"] = .int(pool.ep)
                values["\(role)-dp-attn"] = .bool(pool.dpAttn)
                values["\(role)-gpus"] = .int(pool.gpus)
                values["\(role)-additional-settings"] = .array((pool.additionalSettings ?? []).map(JSONValue.string))
            }
        }
        return columns.map { ($0, values[$0] ?? .null) }
    }
}
