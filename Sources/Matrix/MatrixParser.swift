import Catalog
import Yams

/// Turns one master-config document into `MatrixConfig`s, collecting every problem
/// (with its position) instead of stopping at the first.
struct MatrixParser {
    let document: YAMLDocument
    var problems: [Diagnostic] = []
    /// The file's `x-bench` block, when it has one.
    var extensions: [EngineExtension] = []

    init(document: YAMLDocument) {
        self.document = document
    }

    mutating func parse() -> [MatrixConfig] {
        guard let root = document.root else {
            problems.append(Diagnostic(.error, at: SourceLocation(file: document.path, line: 1, column: 1),
                                       "the matrix file is empty", hint: "add at least one config entry"))
            return []
        }
        guard let mapping = root.mapping else {
            problems.append(Diagnostic(.error, at: document.location(of: root),
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
        if key.contains("*") {
            problems.append(Diagnostic(.error, at: keyLocation, "config key '\(key)' contains '*'",
                                       hint: "'*' is reserved for key patterns; rename the config"))
        }
        guard let fields = FieldReader(node, what: "config '\(key)'", allowed: MatrixSchema.configKeys,
                                       document: document, into: &problems) else { return nil }
        let complete = fields.requireAll(MatrixSchema.requiredConfigKeys, into: &problems)
        let image = fields.string("image", into: &problems)
        let model = fields.string("model", into: &problems)
        let prefix = fields.string("model-prefix", into: &problems)
        let runner = fields.string("runner", into: &problems)
        let precision = fields.string("precision", into: &problems)
        let framework = fields.string("framework", into: &problems)
        let multinode = fields.bool("multinode", into: &problems)
        let disagg = fields.bool("disagg", into: &problems) ?? false
        let router = fields.node("router").map(Self.scalarText)
        let kvTransfer = fields.node("kv-p2p-transfer").map(Self.scalarText)

        let (seqLenNodes, skipped) = scenarioNodes(fields)
        var seqLens: [SeqLenScenario] = []
        for scenarioNode in seqLenNodes {
            if let scenario = seqLen(scenarioNode, config: key, multinode: multinode ?? false) {
                seqLens.append(scenario)
            }
        }
        guard complete, let image, let model, let prefix, let runner, let precision, let framework, let multinode else {
            return nil
        }
        return MatrixConfig(key: key, image: image, model: model, modelPrefix: prefix, runner: runner,
                            precision: precision, framework: framework, multinode: multinode, disagg: disagg,
                            router: router, kvP2PTransfer: kvTransfer, seqLens: seqLens, skippedScenarios: skipped,
                            location: keyLocation)
    }

    /// `scenarios: {fixed-seq-len: [...], other: ...}` (current InferenceX) or the older
    /// top-level `seq-len-configs: [...]`; exactly one of the two.
    private mutating func scenarioNodes(_ fields: FieldReader) -> (nodes: [Node], skipped: [String]) {
        switch (fields.node("scenarios"), fields.node("seq-len-configs")) {
        case (nil, nil):
            problems.append(Diagnostic(.error, at: fields.location, "\(fields.what) has no scenarios",
                                       hint: "add 'scenarios: { fixed-seq-len: [...] }' (or the older 'seq-len-configs: [...]')"))
            return ([], [])
        case (.some, .some):
            problems.append(Diagnostic(.error, at: fields.locationOf("seq-len-configs"),
                                       "\(fields.what) has both 'scenarios' and 'seq-len-configs'",
                                       hint: "keep one: 'scenarios.fixed-seq-len' replaces 'seq-len-configs'"))
            return ([], [])
        case let (nil, .some(list)):
            return (sequence(list, named: "'seq-len-configs' in \(fields.what)"), [])
        case let (.some(scenarios), nil):
            guard let mapping = scenarios.mapping else {
                problems.append(Diagnostic(.error, at: document.location(of: scenarios),
                                           "'scenarios' in \(fields.what) must map scenario types to lists",
                                           hint: "write 'scenarios:' then 'fixed-seq-len:' indented below it"))
                return ([], [])
            }
            let (pairs, duplicates) = document.pairs(of: mapping, in: "'scenarios' of \(fields.what)")
            problems += duplicates
            var nodes: [Node] = []
            var skipped: [String] = []
            for pair in pairs {
                if pair.key == MatrixSchema.fixedSeqLen {
                    nodes += sequence(pair.value, named: "'fixed-seq-len' in \(fields.what)")
                } else {
                    skipped.append(pair.key)
                }
            }
            return (nodes, skipped)
        }
    }

    private mutating func sequence(_ node: Node, named name: String) -> [Node] {
        guard let sequence = node.sequence else {
            problems.append(Diagnostic(.error, at: document.location(of: node), "\(name) must be a list",
                                       hint: "start each item with '- '"))
            return []
        }
        return Array(sequence)
    }

    private mutating func seqLen(_ node: Node, config: String, multinode: Bool) -> SeqLenScenario? {
        guard let fields = FieldReader(node, what: "a sequence-length block of '\(config)'",
                                       allowed: MatrixSchema.seqLenKeys, document: document, into: &problems) else { return nil }
        let complete = fields.requireAll(MatrixSchema.seqLenKeys, into: &problems)
        let isl = fields.positiveInt("isl", into: &problems)
        let osl = fields.positiveInt("osl", into: &problems)
        var entries: [SearchSpaceEntry] = []
        if let space = fields.node("search-space") {
            let what = "search-space entry of '\(config)'" + (isl.flatMap { i in osl.map { " (isl \(i), osl \($0))" } } ?? "")
            for entryNode in sequence(space, named: "'search-space' of '\(config)'") {
                let entry = multinode ? multiNodeEntry(entryNode, what: "multi-node " + what)
                                      : singleNodeEntry(entryNode, what: "single-node " + what)
                if let entry { entries.append(entry) }
            }
        }
        guard complete, let isl, let osl else { return nil }
        return SeqLenScenario(isl: isl, osl: osl, searchSpace: entries)
    }

    private mutating func singleNodeEntry(_ node: Node, what: String) -> SearchSpaceEntry? {
        let hint: (String) -> String? = { key in
            MatrixSchema.multiNodeEntryKeys.contains(key) ? "'\(key)' belongs to multi-node configs; set 'multinode: true' on the config" : nil
        }
        guard let fields = FieldReader(node, what: what, allowed: MatrixSchema.singleNodeEntryKeys, document: document,
                                       unknownHint: hint, into: &problems) else { return nil }
        let complete = fields.requireAll(["tp"], into: &problems)
        let parallelism = Parallelism(
            tp: fields.positiveInt("tp", into: &problems) ?? 0,
            ep: fields.positiveInt("ep", into: &problems),
            dpAttn: fields.bool("dp-attn", into: &problems),
            pp: fields.positiveInt("pp", into: &problems),
            dcpSize: fields.positiveInt("dcp-size", into: &problems),
            pcpSize: fields.positiveInt("pcp-size", into: &problems))
        let spec = specDecoding(fields)
        let moe = fields.string("moe-backend", into: &problems)
        guard let concurrency = concurrency(fields), complete, parallelism.tp > 0, let spec else { return nil }
        return SearchSpaceEntry(topology: .singleNode(parallelism), specDecoding: spec, moeBackend: moe,
                                concurrency: concurrency, location: fields.location)
    }

    private mutating func multiNodeEntry(_ node: Node, what: String) -> SearchSpaceEntry? {
        let hint: (String) -> String? = { key in
            MatrixSchema.singleNodeEntryKeys.contains(key)
                ? "in a multi-node config '\(key)' goes inside the 'prefill:' and 'decode:' blocks" : nil
        }
        guard let fields = FieldReader(node, what: what, allowed: MatrixSchema.multiNodeEntryKeys, document: document,
                                       unknownHint: hint, into: &problems) else { return nil }
        let complete = fields.requireAll(["prefill", "decode"], into: &problems)
        let prefill = fields.node("prefill").flatMap { worker($0, what: "'prefill' of a \(what)") }
        let decode = fields.node("decode").flatMap { worker($0, what: "'decode' of a \(what)") }
        let spec = specDecoding(fields)
        let moe = fields.string("moe-backend", into: &problems)
        guard let concurrency = concurrency(fields), complete, let prefill, let decode, let spec else { return nil }
        return SearchSpaceEntry(topology: .multiNode(prefill: prefill, decode: decode), specDecoding: spec,
                                moeBackend: moe, concurrency: concurrency, location: fields.location)
    }

    private mutating func worker(_ node: Node, what: String) -> WorkerPool? {
        guard let fields = FieldReader(node, what: what, allowed: MatrixSchema.workerKeys, document: document,
                                       into: &problems) else { return nil }
        let complete = fields.requireAll(MatrixSchema.requiredWorkerKeys, into: &problems)
        let numWorker = fields.positiveInt("num-worker", into: &problems)
        let tp = fields.positiveInt("tp", into: &problems)
        let ep = fields.positiveInt("ep", into: &problems)
        let dpAttn = fields.bool("dp-attn", into: &problems)
        let pool = WorkerPool(numWorker: numWorker ?? 0, tp: tp ?? 0, ep: ep ?? 0, dpAttn: dpAttn ?? false,
                              pp: fields.positiveInt("pp", into: &problems),
                              dcpSize: fields.positiveInt("dcp-size", into: &problems),
                              pcpSize: fields.positiveInt("pcp-size", into: &problems),
                              additionalSettings: fields.stringList("additional-settings", into: &problems))
        guard complete, numWorker != nil, tp != nil, ep != nil, dpAttn != nil else { return nil }
        return pool
    }

    private mutating func specDecoding(_ fields: FieldReader) -> String? {
        guard fields.has("spec-decoding") else { return "none" }
        guard let value = fields.string("spec-decoding", into: &problems) else { return nil }
        guard MatrixSchema.specDecodingValues.contains(value) else {
            let near = nearestKey(to: value, in: MatrixSchema.specDecodingValues)
            problems.append(Diagnostic(.error, at: fields.locationOf("spec-decoding"),
                                       "unknown spec-decoding '\(value)' in \(fields.what)",
                                       hint: near.map { "did you mean '\($0)'?" }
                                           ?? "use one of \(MatrixSchema.specDecodingValues.joined(separator: ", "))"))
            return nil
        }
        return value
    }

    /// Exactly one of `conc-start`+`conc-end` or `conc-list`, with start ≤ end.
    private mutating func concurrency(_ fields: FieldReader) -> Concurrency? {
        let hasRange = fields.has("conc-start") || fields.has("conc-end")
        let hasList = fields.has("conc-list")
        if hasRange && hasList {
            problems.append(Diagnostic(.error, at: fields.locationOf("conc-list"),
                                       "\(fields.what) gives both 'conc-list' and 'conc-start'/'conc-end'",
                                       hint: "use either a list or a range, not both"))
            return nil
        }
        if !hasRange && !hasList {
            problems.append(Diagnostic(.error, at: fields.location, "\(fields.what) gives no concurrency",
                                       hint: "add 'conc-start' and 'conc-end', or 'conc-list: [...]'"))
            return nil
        }
        if hasList {
            return fields.positiveIntList("conc-list", into: &problems).map { .list($0) }
        }
        guard fields.has("conc-start"), fields.has("conc-end") else {
            let missing = fields.has("conc-start") ? "conc-end" : "conc-start"
            problems.append(Diagnostic(.error, at: fields.location, "\(fields.what) is missing '\(missing)'",
                                       hint: "'conc-start' and 'conc-end' go together"))
            return nil
        }
        guard let start = fields.positiveInt("conc-start", into: &problems),
              let end = fields.positiveInt("conc-end", into: &problems) else { return nil }
        guard start <= end else {
            problems.append(Diagnostic(.error, at: fields.locationOf("conc-start"),
                                       "'conc-start' (\(start)) is greater than 'conc-end' (\(end)) in \(fields.what)",
                                       hint: "swap them, or set conc-end to at least \(start)"))
            return nil
        }
        return .range(start: start, end: end)
    }

    private static func scalarText(_ node: Node) -> String {
        node.scalar?.string ?? "\(node)"
    }
}
