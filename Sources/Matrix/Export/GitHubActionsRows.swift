/// InferenceX's `generate_sweep_configs.py full-sweep --no-evals` row shape, so a GitHub Actions
/// matrix can consume `bench matrix expand --format github-actions` directly:
/// fixed-seq-len single-node, one row per concurrency; fixed-seq-len multi-node, one row per
/// search-space entry carrying its `conc` list; agentic-coding, one row per concurrency (multi-node
/// rows carry a one-item `conc` list, one server allocation per concurrency). Defaults are written
/// out as the generator writes them (`pp`, `dcp-size`, `pcp-size`, `ep`, `dp-attn`); `router` and
/// `kv-p2p-transfer` appear when the entry or the config sets them; `run-eval` is false on
/// fixed-seq-len rows and absent on agentic ones, as with `--no-evals`.
public enum GitHubActionsRows {
    public static func rows(_ points: [BenchmarkPoint], agentic: [AgenticPoint] = []) -> JSONValue {
        // Group first: a multi-node row collects the concurrencies of its search-space entry
        // (its points share a deployment and a source position).
        var groups: [(point: BenchmarkPoint, concs: [Int])] = []
        var multiNodeGroup: [String: Int] = [:]
        for point in points {
            guard case .multiNode = point.deployment.topology else {
                groups.append((point, [point.conc]))
                continue
            }
            let key = point.deployment.id + "@" + point.source
            if let index = multiNodeGroup[key] {
                groups[index].concs.append(point.conc)
            } else {
                multiNodeGroup[key] = groups.count
                groups.append((point, [point.conc]))
            }
        }
        return .array(groups.map { row($0.point, concs: $0.concs) } + agentic.map(row))
    }

    private static func row(_ point: BenchmarkPoint, concs: [Int]) -> JSONValue {
        let d = point.deployment
        var fields = header(
            image: d.image, model: d.model, modelPrefix: d.modelPrefix, precision: d.precision,
            framework: d.framework, runner: d.runner)
        fields += [("isl", .int(d.isl)), ("osl", .int(d.osl))]
        switch d.topology {
        case let .singleNode(p):
            fields += parallelism(p) + [("conc", .int(point.conc)), ("max-model-len", .int(d.maxModelLen))]
        case let .multiNode(prefill, decode):
            fields += [
                ("prefill", pool(prefill)), ("decode", pool(decode)),
                ("conc", .array(concs.map(JSONValue.int))), ("max-model-len", .int(d.maxModelLen)),
            ]
        }
        fields.append(("spec-decoding", .string(d.specDecoding)))
        if let moe = d.moeBackend { fields.append(("moe-backend", .string(moe))) }
        fields += [("exp-name", .string(d.expName)), ("disagg", .bool(d.disagg)), ("run-eval", .bool(false))]
        return .object(fields + components(router: d.router, kvP2PTransfer: d.kvP2PTransfer))
    }

    private static func row(_ point: AgenticPoint) -> JSONValue {
        let (c, e) = (point.config, point.entry)
        var fields = header(
            image: c.image, model: c.model, modelPrefix: c.modelPrefix, precision: c.precision,
            framework: c.framework, runner: c.runner)
        switch e.topology {
        case let .singleNode(p):
            fields += parallelism(p) + [("spec-decoding", .string(e.specDecoding)), ("conc", .int(point.conc))]
        case let .multiNode(prefill, decode):
            fields += [
                ("spec-decoding", .string(e.specDecoding)), ("prefill", pool(prefill)), ("decode", pool(decode)),
                ("conc", .array([.int(point.conc)])),
            ]
        }
        fields += [
            ("kv-offloading", .string(e.kvOffloading)), ("total-cpu-dram-gb", .int(e.totalCPUDRAMGB)),
            ("duration", .int(point.duration)), ("exp-name", .string(point.expName)),
        ]
        if c.multinode { fields.append(("disagg", .bool(c.disagg))) }
        fields.append(("scenario-type", .string(ScenarioType.agenticCoding.rawValue)))
        if let backend = e.kvOffloadBackend { fields.append(("kv-offload-backend", component(backend))) }
        return .object(fields + components(router: point.router, kvP2PTransfer: point.kvP2PTransfer))
    }

    private static func header(
        image: String, model: String, modelPrefix: String, precision: String,
        framework: String, runner: String
    ) -> [(String, JSONValue)] {
        [
            ("image", .string(image)), ("model", .string(model)), ("model-prefix", .string(modelPrefix)),
            ("precision", .string(precision)), ("framework", .string(framework)), ("runner", .string(runner)),
        ]
    }

    /// A single-node topology with the generator's defaults filled in.
    private static func parallelism(_ p: Parallelism) -> [(String, JSONValue)] {
        [
            ("tp", .int(p.tp)), ("pp", .int(p.pp ?? 1)), ("dcp-size", .int(p.dcpSize ?? 1)), ("pcp-size", .int(p.pcpSize ?? 1)),
            ("ep", .int(p.ep ?? 1)), ("dp-attn", .bool(p.dpAttn ?? false)),
        ]
    }

    private static func components(router: ComponentMetadata?, kvP2PTransfer: String?) -> [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = []
        if let router { fields.append(("router", component(router))) }
        if let kvP2PTransfer { fields.append(("kv-p2p-transfer", .string(kvP2PTransfer))) }
        return fields
    }

    private static func component(_ metadata: ComponentMetadata) -> JSONValue {
        .object([("name", .string(metadata.name))] + (metadata.version.map { [("version", .string($0))] } ?? []))
    }

    /// A pool as the generator passes it through: the keys the file gave, with pp, dcp-size and
    /// pcp-size defaulted to 1.
    private static func pool(_ pool: WorkerPool) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("num-worker", .int(pool.numWorker)), ("tp", .int(pool.tp)),
            ("ep", .int(pool.ep)), ("dp-attn", .bool(pool.dpAttn)),
        ]
        if let hardware = pool.hardware { fields.append(("hardware", .string(hardware))) }
        if let settings = pool.additionalSettings { fields.append(("additional-settings", .array(settings.map(JSONValue.string)))) }
        fields += [("pp", .int(pool.pp ?? 1)), ("dcp-size", .int(pool.dcpSize ?? 1)), ("pcp-size", .int(pool.pcpSize ?? 1))]
        return .object(fields)
    }
}
