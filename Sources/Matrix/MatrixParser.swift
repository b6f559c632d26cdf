import Catalog
import Yams

/// Turns one master-config document into `MatrixConfig`s, collecting every problem
/// (with its position) instead of stopping at the first.
struct MatrixParser {
    let document: YAMLDocument
    /// Host facts for agentic DRAM offload budgets.
    let runners: RunnerTable
    var problems: [Diagnostic] = []
    /// The file's `x-bench` block, when it has one.
    var extensions: [EngineExtension] = []
    /// List items read so far (blocks, search-space entries, concurrencies): YAML aliases let a few KB
    /// repeat a list a billion times, so reading stops, with one error, past `listItemBudget`.
    private var listItemsRead = 0
    private(set) var overBudget = false
    /// Far above any real sweep (InferenceX's largest master config has under 20,000 items).
    static let listItemBudget = 200_000

    init(document: YAMLDocument, runners: RunnerTable = .builtIn) {
        self.document = document
        self.runners = runners
    }

    mutating func parse() -> [MatrixConfig] {
        guard let root = document.root else {
            problems.append(
                Diagnostic(
                    .error, at: SourceLocation(file: document.path, line: 1, column: 1),
                    "the matrix file is empty", hint: "add at least one config entry"))
            return []
        }
        guard let mapping = root.mapping else {
            problems.append(
                Diagnostic(
                    .error, at: document.location(of: root),
                    "a matrix file must map config keys to configs (InferenceX master-config format)"))
            return []
        }
        let (entries, duplicates) = document.pairs(of: mapping, in: "the matrix file")
        problems += duplicates
        return entries.compactMap { entry in
            if entry.key == MatrixSchema.extensionKey {
                extensions += engineExtensions(entry.value)
                return nil
            }
            return config(key: entry.key, node: entry.value, keyLocation: document.location(of: entry.keyNode))
        }
    }

    private mutating func config(key: String, node: Node, keyLocation: SourceLocation) -> MatrixConfig? {
        guard !overBudget else { return nil }
        if let bad = ConfigKeyCharacters.firstInvalid(in: key) {
            // The key ends up in file names, filters and generated job scripts: quotes, `$`, newlines and
            // control characters there could end a comment or run a command.
            problems.append(
                Diagnostic(
                    .error, at: keyLocation, "config key \(key.debugDescription) has \(bad.description) at character \(bad.offset + 1)",
                    hint:
                        "config keys use only \(ConfigKeyCharacters.allowedText) (InferenceX's naming, e.g. dsr1-fp8-h200-sglang); '*' is reserved for key patterns"
                ))
        }
        guard
            let fields = FieldReader(
                node, what: "config '\(key)'", allowed: MatrixSchema.configKeys,
                document: document, into: &problems)
        else { return nil }
        let complete = fields.requireAll(MatrixSchema.requiredConfigKeys, into: &problems)
        let image = fields.string("image", into: &problems)
        let model = fields.string("model", into: &problems)
        let prefix = fields.string("model-prefix", into: &problems)
        let runner = fields.string("runner", into: &problems)
        let precision = fields.string("precision", into: &problems)
        let framework = fields.string("framework", into: &problems)
        let multinode = fields.bool("multinode", into: &problems)
        let disagg = fields.bool("disagg", into: &problems) ?? false
        let router = fields.node("router").flatMap {
            ComponentMetadata.read($0, what: "'router' of config '\(key)'", versionRequired: true, document: document, into: &problems)
        }
        let kvTransfer = fields.string("kv-p2p-transfer", into: &problems)
        if multinode == false {
            if fields.has("kv-p2p-transfer") {
                problems.append(
                    Diagnostic(
                        .error, at: fields.locationOf("kv-p2p-transfer"),
                        "'kv-p2p-transfer' in single-node config '\(key)'",
                        hint: "a KV transfer engine moves KV between nodes: remove it, or set 'multinode: true'"))
            }
            if disagg {
                problems.append(
                    Diagnostic(
                        .error, at: fields.locationOf("disagg"), "config '\(key)' is disaggregated but not multi-node",
                        hint: "'disagg: true' needs 'multinode: true'"))
            }
        }

        let scenarios = scenarioNodes(fields)
        var seqLens: [SeqLenScenario] = []
        for scenarioNode in scenarios.fixed {
            if let scenario = seqLen(scenarioNode, config: key, multinode: multinode ?? false) {
                seqLens.append(scenario)
            }
        }
        var agentic: [AgenticScenario] = []
        for scenarioNode in scenarios.agentic {
            if let scenario = agenticScenario(scenarioNode, config: key, runner: runner ?? "", multinode: multinode ?? false) {
                agentic.append(scenario)
            }
        }
        if !scenarios.agentic.isEmpty, let runner, !runner.hasPrefix(RunnerTable.clusterPrefix) {
            problems.append(
                Diagnostic(
                    .error, at: fields.locationOf("runner"),
                    "config '\(key)' has agentic-coding scenarios but runner '\(runner)' is not a cluster label",
                    hint: "agentic configs run on one exact fleet: use a '\(RunnerTable.clusterPrefix)<name>' runner"))
        }
        checkComponentScope(
            config: key, fields: fields, router: router, kvTransfer: kvTransfer, multinode: multinode ?? false,
            disagg: disagg, fixed: seqLens, agentic: agentic)
        guard complete, let image, let model, let prefix, let runner, let precision, let framework, let multinode else {
            return nil
        }
        return MatrixConfig(
            key: key, image: image, model: model, modelPrefix: prefix, runner: runner,
            precision: precision, framework: framework, multinode: multinode, disagg: disagg,
            router: router, kvP2PTransfer: kvTransfer, seqLens: seqLens, agentic: agentic,
            location: keyLocation)
    }

    /// InferenceX's scope rules for `router` and `kv-p2p-transfer`: set at the top level or in
    /// search-space entries, never both; the transfer engine only on multi-node configs; and a
    /// disaggregated config must name it at the top level or in every entry.
    private mutating func checkComponentScope(
        config: String, fields: FieldReader, router: ComponentMetadata?, kvTransfer: String?,
        multinode: Bool, disagg: Bool, fixed: [SeqLenScenario], agentic: [AgenticScenario]
    ) {
        let entries: [(router: ComponentMetadata?, kv: String?, location: SourceLocation)] =
            fixed.flatMap { $0.searchSpace.map { ($0.router, $0.kvP2PTransfer, $0.location) } }
            + agentic.flatMap { $0.searchSpace.map { ($0.router, $0.kvP2PTransfer, $0.location) } }
        if router != nil, let entry = entries.first(where: { $0.router != nil }) {
            problems.append(
                Diagnostic(
                    .error, at: entry.location, "config '\(config)' declares 'router' at the top level and in a search-space entry",
                    hint: "keep one scope: the top level for every entry, or each entry its own"))
        }
        if kvTransfer != nil, let entry = entries.first(where: { $0.kv != nil }) {
            problems.append(
                Diagnostic(
                    .error, at: entry.location, "config '\(config)' declares 'kv-p2p-transfer' at the top level and in a search-space entry",
                    hint: "keep one scope: the top level for every entry, or each entry its own"))
        }
        if !multinode, let entry = entries.first(where: { $0.kv != nil }) {
            problems.append(
                Diagnostic(
                    .error, at: entry.location, "'kv-p2p-transfer' in a search-space entry of single-node config '\(config)'",
                    hint: "it is only valid when 'multinode: true'"))
        }
        if multinode && disagg && kvTransfer == nil && (entries.isEmpty || entries.contains { $0.kv == nil }) {
            let at = entries.first { $0.kv == nil }?.location ?? fields.location
            problems.append(
                Diagnostic(
                    .error, at: at, "disaggregated config '\(config)' does not say how KV moves between its pools",
                    hint:
                        "set 'kv-p2p-transfer: <engine>' (e.g. nixl, mooncake) at the top level or in every search-space entry, as InferenceX requires"
                ))
        }
    }

    /// `scenarios: {fixed-seq-len: [...], agentic-coding: [...]}` (current InferenceX) or the older
    /// top-level `seq-len-configs: [...]`; exactly one of the two, with at least one non-empty list.
    private mutating func scenarioNodes(_ fields: FieldReader) -> (fixed: [Node], agentic: [Node]) {
        var fixed: [Node] = []
        var agentic: [Node] = []
        switch (fields.node("scenarios"), fields.node("seq-len-configs")) {
        case (nil, nil):
            problems.append(
                Diagnostic(
                    .error, at: fields.location, "\(fields.what) has no scenarios",
                    hint: "add 'scenarios: { fixed-seq-len: [...] }' (or 'agentic-coding: [...]')"))
            return ([], [])
        case (.some, .some):
            problems.append(
                Diagnostic(
                    .error, at: fields.locationOf("seq-len-configs"),
                    "\(fields.what) has both 'scenarios' and 'seq-len-configs'",
                    hint: "keep one: 'scenarios.fixed-seq-len' replaces 'seq-len-configs'"))
            return ([], [])
        case let (nil, .some(list)):
            problems.append(
                Diagnostic(
                    .warning, at: fields.locationOf("seq-len-configs"),
                    "'seq-len-configs' in \(fields.what) is the older layout; InferenceX's current generator rejects it",
                    hint: "move the list under 'scenarios: { fixed-seq-len: [...] }'"))
            fixed = sequence(list, named: "'seq-len-configs' in \(fields.what)")
        case let (.some(scenarios), nil):
            guard
                let scenarioFields = FieldReader(
                    scenarios, what: "'scenarios' of \(fields.what)", allowed: MatrixSchema.scenarioTypes,
                    document: document, into: &problems)
            else { return ([], []) }
            if let list = scenarioFields.node(MatrixSchema.fixedSeqLen) {
                fixed = sequence(list, named: "'fixed-seq-len' in \(fields.what)")
            }
            if let list = scenarioFields.node(MatrixSchema.agenticCoding) {
                agentic = sequence(list, named: "'agentic-coding' in \(fields.what)")
            }
        }
        if fixed.isEmpty && agentic.isEmpty {
            problems.append(
                Diagnostic(
                    .error, at: fields.locationOf("scenarios"), "\(fields.what) has no scenario entries",
                    hint: "give 'fixed-seq-len' or 'agentic-coding' at least one item"))
        }
        return (fixed, agentic)
    }

    mutating func sequence(_ node: Node, named name: String) -> [Node] {
        guard let sequence = node.sequence else {
            problems.append(
                Diagnostic(
                    .error, at: document.location(of: node), "\(name) must be a list",
                    hint: "start each item with '- '"))
            return []
        }
        guard withinBudget(sequence.count, at: node) else { return [] }
        return Array(sequence)
    }

    /// Counts `items` more list items; false (with one error for the file) once past the budget.
    mutating func withinBudget(_ items: Int, at node: Node) -> Bool {
        guard !overBudget else { return false }
        listItemsRead += items
        guard listItemsRead > Self.listItemBudget else { return true }
        overBudget = true
        problems.append(
            Diagnostic(
                .error, at: document.location(of: node),
                "the matrix holds more than \(Self.listItemBudget) list items (blocks, search-space entries, concurrencies)",
                hint: "YAML aliases can repeat a list many times over: remove them, or split the sweep into several files"))
        return false
    }

    private mutating func seqLen(_ node: Node, config: String, multinode: Bool) -> SeqLenScenario? {
        guard
            let fields = FieldReader(
                node, what: "a sequence-length block of '\(config)'",
                allowed: MatrixSchema.seqLenKeys, document: document, into: &problems)
        else { return nil }
        let complete = fields.requireAll(MatrixSchema.seqLenKeys, into: &problems)
        let isl = fields.positiveInt("isl", into: &problems)
        let osl = fields.positiveInt("osl", into: &problems)
        var entries: [SearchSpaceEntry] = []
        if let space = fields.node("search-space") {
            let what = "search-space entry of '\(config)'" + (isl.flatMap { i in osl.map { " (isl \(i), osl \($0))" } } ?? "")
            for entryNode in sequence(space, named: "'search-space' of '\(config)'") {
                let entry =
                    multinode
                    ? multiNodeEntry(entryNode, what: "multi-node " + what)
                    : singleNodeEntry(entryNode, what: "single-node " + what)
                if let entry { entries.append(entry) }
            }
        }
        guard complete, let isl, let osl else { return nil }
        return SeqLenScenario(isl: isl, osl: osl, searchSpace: entries)
    }

    private mutating func singleNodeEntry(_ node: Node, what: String) -> SearchSpaceEntry? {
        let hint: (String) -> String? = { key in
            key == "kv-p2p-transfer"
                ? "a KV transfer engine is only valid in multi-node configs ('multinode: true')"
                : MatrixSchema.multiNodeEntryKeys.contains(key) ? "'\(key)' belongs to multi-node configs; set 'multinode: true' on the config" : nil
        }
        guard
            let fields = FieldReader(
                node, what: what, allowed: MatrixSchema.singleNodeEntryKeys, document: document,
                unknownHint: hint, into: &problems)
        else { return nil }
        let complete = fields.requireAll(["tp"], into: &problems)
        let parallelism = singleNodeParallelism(fields)
        let spec = specDecoding(fields)
        let moe = moeBackend(fields)
        let router = router(fields)
        guard let concurrency = concurrency(fields), complete, let parallelism, let spec else { return nil }
        return SearchSpaceEntry(
            topology: .singleNode(parallelism), specDecoding: spec, moeBackend: moe, router: router,
            kvP2PTransfer: nil, concurrency: concurrency, location: fields.location)
    }

    private mutating func multiNodeEntry(_ node: Node, what: String) -> SearchSpaceEntry? {
        let hint: (String) -> String? = { key in
            MatrixSchema.singleNodeEntryKeys.contains(key)
                ? "in a multi-node config '\(key)' goes inside the 'prefill:' and 'decode:' blocks" : nil
        }
        guard
            let fields = FieldReader(
                node, what: what, allowed: MatrixSchema.multiNodeEntryKeys, document: document,
                unknownHint: hint, into: &problems)
        else { return nil }
        let complete = fields.requireAll(["prefill", "decode"], into: &problems)
        let pools = workerPools(fields, what: what)
        let spec = specDecoding(fields)
        let moe = moeBackend(fields)
        let router = router(fields)
        let kvTransfer = fields.string("kv-p2p-transfer", into: &problems)
        guard let concurrency = concurrency(fields), complete, let pools, let spec else { return nil }
        return SearchSpaceEntry(
            topology: .multiNode(prefill: pools.prefill, decode: pools.decode), specDecoding: spec,
            moeBackend: moe, router: router, kvP2PTransfer: kvTransfer, concurrency: concurrency, location: fields.location)
    }

    /// tp, ep, dp-attn, pp, dcp-size, pcp-size of a single-node entry; dcp must divide tp.
    mutating func singleNodeParallelism(_ fields: FieldReader) -> Parallelism? {
        let parallelism = Parallelism(
            tp: fields.positiveInt("tp", into: &problems) ?? 0,
            ep: fields.positiveInt("ep", into: &problems),
            dpAttn: fields.bool("dp-attn", into: &problems),
            pp: fields.positiveInt("pp", into: &problems),
            dcpSize: fields.positiveInt("dcp-size", into: &problems),
            pcpSize: fields.positiveInt("pcp-size", into: &problems))
        guard parallelism.tp > 0 else { return nil }
        return checkDCP(tp: parallelism.tp, dcp: parallelism.dcpSize, fields) ? parallelism : nil
    }

    /// Both pools, with InferenceX's rule that `hardware` is set on both or on neither.
    mutating func workerPools(_ fields: FieldReader, what: String) -> (prefill: WorkerPool, decode: WorkerPool)? {
        let prefill = fields.node("prefill").flatMap { worker($0, what: "'prefill' of a \(what)") }
        let decode = fields.node("decode").flatMap { worker($0, what: "'decode' of a \(what)") }
        guard let prefill, let decode else { return nil }
        if (prefill.hardware == nil) != (decode.hardware == nil) {
            problems.append(
                Diagnostic(
                    .error, at: fields.locationOf(prefill.hardware == nil ? "prefill" : "decode"),
                    "'hardware' is set on one pool of a \(what) only",
                    hint: "heterogeneous deployments name the GPU of both 'prefill' and 'decode'; homogeneous ones of neither"))
            return nil
        }
        return (prefill, decode)
    }

    mutating func worker(_ node: Node, what: String) -> WorkerPool? {
        guard
            let fields = FieldReader(
                node, what: what, allowed: MatrixSchema.workerKeys, document: document,
                into: &problems)
        else { return nil }
        let complete = fields.requireAll(MatrixSchema.requiredWorkerKeys, into: &problems)
        // A decode pool of 0 workers is an aggregated multi-node deployment (prefill workers serve everything).
        let numWorker = fields.nonNegativeInt("num-worker", into: &problems)
        let tp = fields.positiveInt("tp", into: &problems)
        let ep = fields.positiveInt("ep", into: &problems)
        let dpAttn = fields.bool("dp-attn", into: &problems)
        let pool = WorkerPool(
            numWorker: numWorker ?? 0, tp: tp ?? 0, ep: ep ?? 0, dpAttn: dpAttn ?? false,
            pp: fields.positiveInt("pp", into: &problems),
            dcpSize: fields.positiveInt("dcp-size", into: &problems),
            pcpSize: fields.positiveInt("pcp-size", into: &problems),
            hardware: fields.string("hardware", into: &problems),
            additionalSettings: fields.stringList("additional-settings", into: &problems))
        guard complete, numWorker != nil, let tp, ep != nil, dpAttn != nil, checkDCP(tp: tp, dcp: pool.dcpSize, fields) else { return nil }
        return pool
    }

    /// Decode context parallelism splits the TP ranks, so it must divide tp.
    mutating func checkDCP(tp: Int, dcp: Int?, _ fields: FieldReader) -> Bool {
        guard let dcp, tp % dcp != 0 else { return true }
        problems.append(
            Diagnostic(
                .error, at: fields.locationOf("dcp-size"), "'tp' (\(tp)) must be divisible by 'dcp-size' (\(dcp)) in \(fields.what)",
                hint: "decode context parallelism reuses the TP GPUs; use a dcp-size that divides tp"))
        return false
    }

    mutating func router(_ fields: FieldReader) -> ComponentMetadata? {
        fields.node("router").flatMap {
            ComponentMetadata.read($0, what: "'router' of a \(fields.what)", versionRequired: true, document: document, into: &problems)
        }
    }

    /// bench's own key (older InferenceX files); kept, with a warning that InferenceX now rejects it.
    private mutating func moeBackend(_ fields: FieldReader) -> String? {
        guard fields.has("moe-backend") else { return nil }
        problems.append(
            Diagnostic(
                .warning, at: fields.locationOf("moe-backend"),
                "'moe-backend' in \(fields.what) is not in InferenceX's current schema; its generator rejects the file",
                hint: "bench keeps it; drop it if the file must also load in InferenceX"))
        return fields.string("moe-backend", into: &problems)
    }

    mutating func specDecoding(_ fields: FieldReader) -> String? {
        guard fields.has("spec-decoding") else { return "none" }
        guard let value = fields.string("spec-decoding", into: &problems) else { return nil }
        guard MatrixSchema.specDecodingValues.contains(value) else {
            let near = nearestKey(to: value, in: MatrixSchema.specDecodingValues)
            problems.append(
                Diagnostic(
                    .error, at: fields.locationOf("spec-decoding"),
                    "unknown spec-decoding '\(value)' in \(fields.what)",
                    hint: near.map { "did you mean '\($0)'?" }
                        ?? "use one of \(MatrixSchema.specDecodingValues.joined(separator: ", "))"))
            return nil
        }
        return value
    }

    /// Exactly one of `conc-start`+`conc-end` or `conc-list`, with start ≤ end.
    mutating func concurrency(_ fields: FieldReader) -> Concurrency? {
        let hasRange = fields.has("conc-start") || fields.has("conc-end")
        let hasList = fields.has("conc-list")
        if hasRange && hasList {
            problems.append(
                Diagnostic(
                    .error, at: fields.locationOf("conc-list"),
                    "\(fields.what) gives both 'conc-list' and 'conc-start'/'conc-end'",
                    hint: "use either a list or a range, not both"))
            return nil
        }
        if !hasRange && !hasList {
            problems.append(
                Diagnostic(
                    .error, at: fields.location, "\(fields.what) gives no concurrency",
                    hint: "add 'conc-start' and 'conc-end', or 'conc-list: [...]'"))
            return nil
        }
        if hasList {
            if let list = fields.node("conc-list"), let items = list.sequence?.count, !withinBudget(items, at: list) { return nil }
            return fields.positiveIntList("conc-list", into: &problems).map { .list($0) }
        }
        guard fields.has("conc-start"), fields.has("conc-end") else {
            let missing = fields.has("conc-start") ? "conc-end" : "conc-start"
            problems.append(
                Diagnostic(
                    .error, at: fields.location, "\(fields.what) is missing '\(missing)'",
                    hint: "'conc-start' and 'conc-end' go together"))
            return nil
        }
        guard let start = fields.positiveInt("conc-start", into: &problems),
            let end = fields.positiveInt("conc-end", into: &problems)
        else { return nil }
        guard start <= end else {
            problems.append(
                Diagnostic(
                    .error, at: fields.locationOf("conc-start"),
                    "'conc-start' (\(start)) is greater than 'conc-end' (\(end)) in \(fields.what)",
                    hint: "swap them, or set conc-end to at least \(start)"))
            return nil
        }
        return .range(start: start, end: end)
    }
}
