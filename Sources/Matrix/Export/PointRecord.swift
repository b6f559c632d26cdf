/// The flat record of one benchmark point that `json` and `csv` exports share:
/// one list of (column, value) pairs so the two formats cannot drift apart. Fixed-seq-len and
/// agentic-coding points share the columns; a column that does not apply is `.null`.
public enum PointRecord {
    /// Column order of the `csv` export (and key order of the `json` one).
    public static let columns = [
        "id", "deployment-id", "scenario-type", "config", "image", "model", "model-prefix", "precision", "framework", "runner",
        "hardware", "multinode", "disagg", "router", "kv-p2p-transfer", "spec-decoding", "moe-backend",
        "isl", "osl", "conc", "max-model-len", "gpus", "tp", "ep", "dp-attn", "pp", "dcp-size", "pcp-size",
        "prefill-num-worker", "prefill-tp", "prefill-ep", "prefill-dp-attn", "prefill-gpus", "prefill-hardware", "prefill-additional-settings",
        "decode-num-worker", "decode-tp", "decode-ep", "decode-dp-attn", "decode-gpus", "decode-hardware", "decode-additional-settings",
        "kv-offloading", "kv-offload-backend", "total-cpu-dram-gb", "duration",
        "exp-name", "source",
    ]

    /// The record's fields in `columns` order; `.null` where a field does not apply.
    public static func fields(_ point: BenchmarkPoint, hardware: HardwareNaming?) -> [(String, JSONValue)] {
        let d = point.deployment
        var values: [String: JSONValue] = [
            "id": .string(point.id), "deployment-id": .string(d.id), "scenario-type": .string(ScenarioType.fixedSeqLen.rawValue),
            "config": .string(d.configKey), "image": .string(d.image), "model": .string(d.model), "model-prefix": .string(d.modelPrefix),
            "precision": .string(d.precision), "framework": .string(d.framework), "runner": .string(d.runner),
            "hardware": hardware?.hardwareName(forRunner: d.runner).json ?? .null,
            "multinode": .bool(d.multinode), "disagg": .bool(d.disagg), "router": (d.router?.label).json,
            "kv-p2p-transfer": d.kvP2PTransfer.json, "spec-decoding": .string(d.specDecoding),
            "moe-backend": d.moeBackend.json, "isl": .int(d.isl), "osl": .int(d.osl), "conc": .int(point.conc),
            "max-model-len": .int(d.maxModelLen), "gpus": .int(d.gpus), "exp-name": .string(d.expName),
            "source": .string(point.source),
        ]
        values.merge(topologyValues(d.topology)) { $1 }
        return columns.map { ($0, values[$0] ?? .null) }
    }

    public static func fields(_ point: AgenticPoint, hardware: HardwareNaming?) -> [(String, JSONValue)] {
        let (c, e) = (point.config, point.entry)
        var values: [String: JSONValue] = [
            "id": .string(point.id), "scenario-type": .string(ScenarioType.agenticCoding.rawValue),
            "config": .string(c.key), "image": .string(c.image), "model": .string(c.model), "model-prefix": .string(c.modelPrefix),
            "precision": .string(c.precision), "framework": .string(c.framework), "runner": .string(c.runner),
            "hardware": hardware?.hardwareName(forRunner: c.runner).json ?? .null,
            "multinode": .bool(c.multinode), "disagg": .bool(c.disagg), "router": (point.router?.label).json,
            "kv-p2p-transfer": point.kvP2PTransfer.json, "spec-decoding": .string(e.specDecoding), "conc": .int(point.conc),
            "gpus": .int(point.gpus), "kv-offloading": .string(e.kvOffloading),
            "kv-offload-backend": (e.kvOffloadBackend?.label).json, "total-cpu-dram-gb": .int(e.totalCPUDRAMGB),
            "duration": .int(point.duration), "exp-name": .string(point.expName), "source": .string(point.source),
        ]
        values.merge(topologyValues(e.topology)) { $1 }
        return columns.map { ($0, values[$0] ?? .null) }
    }

    private static func topologyValues(_ topology: Topology) -> [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        switch topology {
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
                values["\(role)-hardware"] = pool.hardware.json
                values["\(role)-additional-settings"] = .array((pool.additionalSettings ?? []).map(JSONValue.string))
            }
        }
        return values
    }
}
