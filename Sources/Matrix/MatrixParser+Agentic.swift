import Catalog
import Yams

/// `agentic-coding` scenarios: `{dram-utilization, search-space}` blocks whose entries are single-node
/// (`tp` …) or multi-node (`prefill`/`decode`) as the config is, each with a KV offload tier.
extension MatrixParser {
    mutating func agenticScenario(_ node: Node, config: String, runner: String, multinode: Bool) -> AgenticScenario? {
        guard
            let fields = FieldReader(
                node, what: "an agentic-coding block of '\(config)'", allowed: MatrixSchema.agenticScenarioKeys,
                document: document, into: &problems)
        else { return nil }
        let complete = fields.requireAll(["search-space"], into: &problems)
        let utilization = fields.number("dram-utilization", in: 0...1, into: &problems)
        if utilization == 0 {
            problems.append(
                Diagnostic(
                    .error, at: fields.locationOf("dram-utilization"),
                    "'dram-utilization' in \(fields.what) must be greater than 0", hint: "use a share such as 0.8"))
        }
        var entries: [AgenticEntry] = []
        if let space = fields.node("search-space") {
            for entryNode in sequence(space, named: "'search-space' of an agentic-coding block of '\(config)'") {
                let what = (multinode ? "multi-node" : "single-node") + " agentic search-space entry of '\(config)'"
                guard var entry = agenticEntry(entryNode, what: what, multinode: multinode) else { continue }
                if entry.kvOffloading == "dram" {
                    guard let utilization else {
                        problems.append(
                            Diagnostic(
                                .error, at: entry.location, "\(what) offloads KV to DRAM but its block has no 'dram-utilization'",
                                hint: "add 'dram-utilization: 0.8' (the share of host DRAM the offload tier may use) to the block"))
                        continue
                    }
                    entry.totalCPUDRAMGB = dramBudget(entry, runner: runner, utilization: utilization, multinode: multinode) ?? 0
                }
                entries.append(entry)
            }
        }
        guard complete else { return nil }
        return AgenticScenario(dramUtilization: utilization, searchSpace: entries)
    }

    private mutating func agenticEntry(_ node: Node, what: String, multinode: Bool) -> AgenticEntry? {
        guard
            let fields = FieldReader(
                node, what: what, allowed: MatrixSchema.agenticEntryKeys, document: document,
                into: &problems)
        else { return nil }
        let topology: Topology?
        if multinode {
            let complete = fields.requireAll(["prefill", "decode"], into: &problems)
            for key in ["tp", "pp", "dcp-size", "pcp-size"] where fields.has(key) {
                problems.append(
                    Diagnostic(
                        .error, at: fields.locationOf(key), "'\(key)' in \(what)",
                        hint: "multi-node agentic entries set parallelism inside 'prefill:' and 'decode:'"))
            }
            // InferenceX accepts and ignores these here; say so rather than refuse the file.
            for key in ["ep", "dp-attn"] where fields.has(key) {
                problems.append(
                    Diagnostic(
                        .warning, at: fields.locationOf(key), "'\(key)' in \(what) is ignored",
                        hint: "set it inside 'prefill:' and 'decode:'"))
            }
            topology = complete ? workerPools(fields, what: what).map { .multiNode(prefill: $0.prefill, decode: $0.decode) } : nil
        } else {
            let complete = fields.requireAll(["tp", "kv-offloading"], into: &problems)
            for key in ["prefill", "decode"] where fields.has(key) {
                problems.append(
                    Diagnostic(
                        .error, at: fields.locationOf(key), "'\(key)' in \(what)",
                        hint: "single-node agentic entries give 'tp' (set 'multinode: true' for prefill/decode pools)"))
            }
            topology = complete ? singleNodeParallelism(fields).map { .singleNode($0) } : nil
        }
        let spec = specDecoding(fields)
        let offload = kvOffload(fields)
        let router = router(fields)
        let kvTransfer = fields.string("kv-p2p-transfer", into: &problems)
        guard let concurrency = concurrency(fields), let topology, let spec, let offload else { return nil }
        return AgenticEntry(
            topology: topology, specDecoding: spec, kvOffloading: offload.mode, kvOffloadBackend: offload.backend,
            router: router, kvP2PTransfer: kvTransfer, concurrency: concurrency, totalCPUDRAMGB: 0,
            location: fields.location)
    }

    /// `kv-offloading` (none or dram; none when a multi-node entry leaves it out) and its backend:
    /// required for dram, refused for none.
    private mutating func kvOffload(_ fields: FieldReader) -> (mode: String, backend: ComponentMetadata?)? {
        let mode = fields.string("kv-offloading", into: &problems)
        if let mode, !MatrixSchema.kvOffloadingValues.contains(mode) {
            problems.append(
                Diagnostic(
                    .error, at: fields.locationOf("kv-offloading"), "unknown kv-offloading '\(mode)' in \(fields.what)",
                    hint: "use one of \(MatrixSchema.kvOffloadingValues.joined(separator: ", "))"))
            return nil
        }
        let backend = fields.node("kv-offload-backend").flatMap {
            ComponentMetadata.read($0, what: "'kv-offload-backend' of a \(fields.what)", versionRequired: false, document: document, into: &problems)
        }
        switch (mode ?? "none", backend) {
        case ("none", .some):
            problems.append(
                Diagnostic(
                    .error, at: fields.locationOf("kv-offload-backend"),
                    "\(fields.what) names a 'kv-offload-backend' without offloading",
                    hint: "set 'kv-offloading: dram', or remove the backend"))
            return nil
        case ("dram", nil):
            problems.append(
                Diagnostic(
                    .error, at: fields.locationOf("kv-offloading"),
                    "\(fields.what) offloads KV to DRAM without a 'kv-offload-backend'",
                    hint: "name it, e.g. 'kv-offload-backend: { name: hicache }' or '{ name: lmcache, version: \"0.3.9\" }'"))
            return nil
        case let (mode, backend):
            return (mode, backend)
        }
    }

    private mutating func dramBudget(_ entry: AgenticEntry, runner: String, utilization: Double, multinode: Bool) -> Int? {
        let gpus: Int
        switch entry.topology {
        case let .singleNode(p): gpus = p.gpus
        // InferenceX's generator sizes the budget by tp × pp × pcp even for a DEP worker (tp 1,
        // ep 4: four GPUs); its rows are matched as written.
        case let .multiNode(prefill, _): gpus = prefill.tp * (prefill.pp ?? 1) * (prefill.pcpSize ?? 1)
        }
        do {
            return try AgenticDRAMBudget.gigabytes(
                runner: runner, host: runners.hosts[runner], utilization: utilization,
                gpusPerReplica: gpus, multinode: multinode)
        } catch {
            problems.append(Diagnostic(.error, at: entry.location, error.message + " (\(runners.origin))", hint: error.hint))
            return nil
        }
    }
}
