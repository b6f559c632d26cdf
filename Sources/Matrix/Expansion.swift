/// InferenceX's scenario types.
public enum ScenarioType: String, Sendable, CaseIterable, Hashable {
    case fixedSeqLen = "fixed-seq-len"
    case agenticCoding = "agentic-coding"
}

/// What to keep while expanding, mirroring InferenceX's `full-sweep` options.
public struct ExpansionOptions: Sendable {
    /// `--scenario`: both by default, as InferenceX generates both.
    public var scenarios: Set<ScenarioType>
    /// Keep only these ISL/OSL pairs (`--seq-lens`); nil keeps all.
    public var seqLens: Set<SeqLen>?
    public var minConc: Int?
    public var maxConc: Int?
    public var filters: [PointFilter]
    public var step: Int

    public init(
        seqLens: Set<SeqLen>? = nil, minConc: Int? = nil, maxConc: Int? = nil,
        filters: [PointFilter] = [], step: Int = 2, scenarios: Set<ScenarioType> = Set(ScenarioType.allCases)
    ) {
        self.scenarios = scenarios
        self.seqLens = seqLens
        self.minConc = minConc
        self.maxConc = maxConc
        self.filters = filters
        self.step = step
    }
}

public extension MatrixSet {
    /// Every benchmark point, in file order: config, sequence length, search-space entry, concurrency.
    func expand(_ options: ExpansionOptions = ExpansionOptions(), catalog: HardwareNaming? = nil) -> [BenchmarkPoint] {
        guard options.scenarios.contains(.fixedSeqLen) else { return [] }
        var points: [BenchmarkPoint] = []
        points.reserveCapacity(configs.count * 16)
        for config in configs {
            for scenario in config.seqLens {
                if let wanted = options.seqLens, !wanted.contains(SeqLen(isl: scenario.isl, osl: scenario.osl)) { continue }
                for entry in scenario.searchSpace {
                    let deployment = Deployment(
                        configKey: config.key, image: config.image, model: config.model, modelPrefix: config.modelPrefix,
                        runner: config.runner, precision: config.precision, framework: config.framework,
                        multinode: config.multinode, disagg: config.disagg, router: entry.router ?? config.router,
                        kvP2PTransfer: entry.kvP2PTransfer ?? config.kvP2PTransfer, topology: entry.topology, specDecoding: entry.specDecoding,
                        moeBackend: entry.moeBackend, isl: scenario.isl, osl: scenario.osl)
                    let source = entry.location.description
                    for conc in Self.concurrencies(entry.concurrency, multinode: config.multinode, options: options) {
                        let point = BenchmarkPoint(deployment: deployment, conc: conc, source: source)
                        if options.filters.allSatisfy({ $0.matches(point, hardware: catalog) }) {
                            points.append(point)
                        }
                    }
                }
            }
        }
        return points
    }

    /// Every `agentic-coding` point, in file order: config, block, search-space entry, concurrency.
    /// Concurrency limits only filter here (InferenceX narrows no range and adds no max-conc point).
    func expandAgentic(_ options: ExpansionOptions = ExpansionOptions(), catalog: HardwareNaming? = nil) -> [AgenticPoint] {
        guard options.scenarios.contains(.agenticCoding) else { return [] }
        var points: [AgenticPoint] = []
        for config in configs {
            for scenario in config.agentic {
                for entry in scenario.searchSpace {
                    let concs = entry.concurrency.values(step: options.step).filter {
                        $0 >= (options.minConc ?? Int.min) && $0 <= (options.maxConc ?? Int.max)
                    }
                    for conc in concs {
                        let point = AgenticPoint(config: config, entry: entry, conc: conc)
                        if options.filters.allSatisfy({ $0.matches(point, hardware: catalog) }) {
                            points.append(point)
                        }
                    }
                }
            }
        }
        return points
    }

    /// InferenceX's `--min-conc`/`--max-conc` rules. A range is narrowed before doubling
    /// (so 4…64 with min 10 runs 10, 20, 40, 64), and when every value exceeds max-conc
    /// the point runs at max-conc itself; a list is filtered value by value.
    static func concurrencies(_ concurrency: Concurrency, multinode: Bool, options: ExpansionOptions) -> [Int] {
        if case let .range(start, end) = concurrency, !multinode {
            var start = start, end = end
            if let minConc = options.minConc {
                if end < minConc { return [] }
                start = max(start, minConc)
            }
            if let maxConc = options.maxConc {
                if start > maxConc { start = maxConc; end = maxConc } else { end = min(end, maxConc) }
            }
            return Concurrency.doubling(from: start, to: end, step: options.step)
        }
        var values = concurrency.values(step: options.step)
        if let minConc = options.minConc {
            values = values.filter { $0 >= minConc }
            if values.isEmpty { return [] }
        }
        if let maxConc = options.maxConc {
            let kept = values.filter { $0 <= maxConc }
            values = kept.isEmpty ? [maxConc] : kept
        }
        return values
    }
}

/// Resolves a runner name to a catalog hardware name, for `--filter hardware=...`.
public protocol HardwareNaming: Sendable {
    func hardwareName(forRunner runner: String) -> String?
}
