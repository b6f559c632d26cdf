/// InferenceX's `generate_sweep_configs.py full-sweep` row shape, so a GitHub Actions
/// matrix can consume `bench matrix expand --format github-actions` directly:
/// single-node, one row per concurrency; multi-node, one row per search-space entry
/// carrying its `conc` list. Evals are not selected (`run-eval` is always false, as
/// with the generator's `--no-evals`); `pp`, `dcp-size`, `pcp-size` and `moe-backend`
/// appear only when the file sets them.
public enum GitHubActionsRows {
    public static func rows(_ points: [BenchmarkPoint]) -> JSONValue {
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
        return .array(groups.map { row($0.point, concs: $0.concs) })
    }

    private static func row(_ point: BenchmarkPoint, concs: [Int]) -> JSONValue {
        let d = point.deployment
        var fields = header(d)
        switch d.topology {
        case let .singleNode(p):
            fields += [("tp", .int(p.tp)), ("conc", .int(point.conc)), ("max-model-len", .int(d.maxModelLen)),
                       ("ep", .int(p.ep ?? 1)), ("dp-attn", .bool(p.dpAttn ?? false))]
            if let pp = p.pp { fields.append(("pp", .int(pp))) }
            if let dcp = p.dcpSize { fields.append(("dcp-size", .int(dcp))) }
            if let pcp = p.pcpSize { fields.append(("pcp-size", .int(pcp))) }
        case let .multiNode(prefill, decode):
            fields += [("prefill", pool(prefill)), ("decode", pool(decode)),
                       ("conc", .array(concs.map(JSONValue.int))), ("max-model-len", .int(d.maxModelLen))]
        }
        return .object(fields + trailer(d))
    }

    private static func header(_ d: Deployment) -> [(String, JSONValue)] {
        [("image", .string(d.image)), ("model", .string(d.model)), ("model-prefix", .string(d.modelPrefix)),
         ("precision", .string(d.precision)), ("framework", .string(d.framework)), ("runner", .string(d.runner)),
         ("isl", .int(d.isl)), ("osl", .int(d.osl)), ("spec-decoding", .string(d.specDecoding))]
    }

    private static func trailer(_ d: Deployment) -> [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = []
        if let moe = d.moeBackend { fields.append(("moe-backend", .string(moe))) }
        fields += [("exp-name", .string(d.expName)), ("disagg", .bool(d.disagg)), ("run-eval", .bool(false))]
        return fields
    }

    /// A pool as the generator passes it through: the keys the file gave, defaults not added.
    private static func pool(_ pool: WorkerPool) -> JSONValue {
        var fields: [(String, JSONValue)] = [("num-worker", .int(pool.numWorker)), ("tp", .int(pool.tp)),
                                             ("ep", .int(pool.ep)), ("dp-attn", .bool(pool.dpAttn))]
        if let pp = pool.pp { fields.append(("pp", .int(pp))) }
        if let dcp = pool.dcpSize { fields.append(("dcp-size", .int(dcp))) }
        if let pcp = pool.pcpSize { fields.append(("pcp-size", .int(pcp))) }
        if let settings = pool.additionalSettings { fields.append(("additional-settings", .array(settings.map(JSONValue.string)))) }
        return .object(fields)
    }
}
