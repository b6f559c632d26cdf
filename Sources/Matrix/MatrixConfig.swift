import Catalog

/// One top-level entry of an InferenceX master config, as written (defaults not yet applied).
public struct MatrixConfig: Sendable, Equatable {
    public var key: String
    public var image: String
    public var model: String
    public var modelPrefix: String
    public var runner: String
    public var precision: String
    public var framework: String
    public var multinode: Bool
    public var disagg: Bool
    public var router: String?
    public var kvP2PTransfer: String?
    public var seqLens: [SeqLenScenario]
    /// Scenario types other than `fixed-seq-len` (e.g. `agentic-coding`): reported, not run.
    public var skippedScenarios: [String]
    public var location: SourceLocation
}

/// One `{isl, osl, search-space}` block.
public struct SeqLenScenario: Sendable, Equatable {
    public var isl: Int
    public var osl: Int
    public var searchSpace: [SearchSpaceEntry]
}

/// One search-space entry: a topology and the concurrencies to run it at.
public struct SearchSpaceEntry: Sendable, Equatable {
    public var topology: Topology
    public var specDecoding: String
    public var moeBackend: String?
    public var concurrency: Concurrency
    public var location: SourceLocation
}

public enum Topology: Sendable, Equatable, Hashable {
    case singleNode(Parallelism)
    case multiNode(prefill: WorkerPool, decode: WorkerPool)
}

/// Single-node parallelism. Optional fields are those the file left out; `nil` means the
/// InferenceX default (ep 1, dp-attn false, pp/dcp/pcp 1) and is kept so rows can echo the file.
public struct Parallelism: Sendable, Equatable, Hashable {
    public var tp: Int
    public var ep: Int?
    public var dpAttn: Bool?
    public var pp: Int?
    public var dcpSize: Int?
    public var pcpSize: Int?

    public init(tp: Int, ep: Int? = nil, dpAttn: Bool? = nil, pp: Int? = nil, dcpSize: Int? = nil, pcpSize: Int? = nil) {
        self.tp = tp
        self.ep = ep
        self.dpAttn = dpAttn
        self.pp = pp
        self.dcpSize = dcpSize
        self.pcpSize = pcpSize
    }

    /// GPUs = tp × pp × pcp (DESIGN.md); dcp shares the TP ranks.
    public var gpus: Int { tp * (pp ?? 1) * (pcpSize ?? 1) }
}

/// A prefill or decode pool of a multi-node (usually disaggregated) deployment.
public struct WorkerPool: Sendable, Equatable, Hashable {
    public var numWorker: Int
    public var tp: Int
    public var ep: Int
    public var dpAttn: Bool
    public var pp: Int?
    public var dcpSize: Int?
    public var pcpSize: Int?
    /// Engine or recipe settings passed through untouched (`KEY=VALUE` strings).
    public var additionalSettings: [String]?

    public init(numWorker: Int, tp: Int, ep: Int, dpAttn: Bool, pp: Int? = nil, dcpSize: Int? = nil,
                pcpSize: Int? = nil, additionalSettings: [String]? = nil) {
        self.numWorker = numWorker
        self.tp = tp
        self.ep = ep
        self.dpAttn = dpAttn
        self.pp = pp
        self.dcpSize = dcpSize
        self.pcpSize = pcpSize
        self.additionalSettings = additionalSettings
    }

    /// GPUs = num-worker × tp × pp × pcp (DESIGN.md).
    public var gpus: Int { numWorker * tp * (pp ?? 1) * (pcpSize ?? 1) }
}

public enum Concurrency: Sendable, Equatable {
    case range(start: Int, end: Int)
    case list([Int])

    /// The concurrencies to run: a list as written, or a range doubling from `start`
    /// (`step` 2) with the last value clamped to `end`: 4…50 gives 4, 8, 16, 32, 50.
    public func values(step: Int = 2) -> [Int] {
        switch self {
        case let .list(values): return values
        case let .range(start, end): return Self.doubling(from: start, to: end, step: step)
        }
    }

    static func doubling(from start: Int, to end: Int, step: Int) -> [Int] {
        guard start <= end, start > 0 else { return [] }
        var values: [Int] = []
        var conc = start
        while true {
            values.append(conc)
            if conc == end { break }
            conc = min(conc * step, end)
        }
        return values
    }
}
