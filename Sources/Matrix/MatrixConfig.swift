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
    /// Config-wide router and KV transfer engine; a search-space entry may set its own instead (never both).
    public var router: ComponentMetadata?
    public var kvP2PTransfer: String?
    public var seqLens: [SeqLenScenario]
    public var agentic: [AgenticScenario]
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
    /// Set here only when the config does not set them at the top level.
    public var router: ComponentMetadata?
    public var kvP2PTransfer: String?
    public var concurrency: Concurrency
    public var location: SourceLocation
}

/// One `agentic-coding` block: multi-turn coding traces replayed for `duration` at each concurrency.
public struct AgenticScenario: Sendable, Equatable {
    /// Share of the node's CPU DRAM the KV offload tier may use (required when an entry offloads to DRAM).
    public var dramUtilization: Double?
    public var searchSpace: [AgenticEntry]
}

/// One agentic search-space entry: a topology, its KV offload tier and the concurrencies (session lanes).
public struct AgenticEntry: Sendable, Equatable {
    public var topology: Topology
    public var specDecoding: String
    /// `none` or `dram`.
    public var kvOffloading: String
    public var kvOffloadBackend: ComponentMetadata?
    public var router: ComponentMetadata?
    public var kvP2PTransfer: String?
    public var concurrency: Concurrency
    /// The offload tier's budget per server node, from runners.yaml (0 without DRAM offload).
    public var totalCPUDRAMGB: Int
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

    /// GPUs = tp × pp × pcp (docs/metrics.md, per GPU); dcp shares the TP ranks.
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
    /// The pool's GPU when prefill and decode run on different hardware (both pools set it, or neither).
    public var hardware: String?
    /// Engine or recipe settings passed through untouched (`KEY=VALUE` strings).
    public var additionalSettings: [String]?

    public init(
        numWorker: Int, tp: Int, ep: Int, dpAttn: Bool, pp: Int? = nil, dcpSize: Int? = nil,
        pcpSize: Int? = nil, hardware: String? = nil, additionalSettings: [String]? = nil
    ) {
        self.numWorker = numWorker
        self.tp = tp
        self.ep = ep
        self.dpAttn = dpAttn
        self.pp = pp
        self.dcpSize = dcpSize
        self.pcpSize = pcpSize
        self.hardware = hardware
        self.additionalSettings = additionalSettings
    }

    /// GPUs of one worker: tp × pp × pcp (dcp reuses the TP ranks). With DP attention, vLLM's
    /// recipes write "DEP8" as tp 1, ep 8: expert parallelism spans every GPU of the worker, so
    /// its GPUs are the larger of tp and ep (InferenceX's recipes set DECODE_GPUS=8 for it).
    public var gpusPerWorker: Int { (dpAttn ? max(tp, ep) : tp) * (pp ?? 1) * (pcpSize ?? 1) }

    /// GPUs = num-worker × GPUs per worker; 0 for a decode pool of an aggregated multi-node entry.
    public var gpus: Int { numWorker * gpusPerWorker }
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
            let (next, overflow) = conc.multipliedReportingOverflow(by: step)
            conc = overflow ? end : min(next, end)
        }
        return values
    }
}
