import Foundation

/// Everything that defines one served configuration: one engine launch serves all of its
/// concurrencies. `maxModelLen` follows from ISL/OSL, so each sequence-length pair is its own deployment.
public struct Deployment: Sendable, Hashable {
    public var configKey: String
    public var image: String
    public var model: String
    public var modelPrefix: String
    public var runner: String
    public var precision: String
    public var framework: String
    public var multinode: Bool
    public var disagg: Bool
    public var router: ComponentMetadata?
    public var kvP2PTransfer: String?
    public var topology: Topology
    public var specDecoding: String
    public var moeBackend: String?
    public var isl: Int
    public var osl: Int
    /// Set for an agentic-coding deployment (whose ISL and OSL are 0).
    public var agentic: AgenticWorkload? = nil

    /// `isl + osl + 256`, the context InferenceX gives the engine; the trace corpus's cap for agentic replay.
    public var maxModelLen: Int { agentic == nil ? isl + osl + 256 : AgenticWorkload.maxModelLength }

    /// GPUs the deployment occupies: tp·pp·pcp single-node; the sum of both pools multi-node
    /// (a multi-node aggregated entry has a decode pool of 0 workers).
    public var gpus: Int {
        switch topology {
        case let .singleNode(p): return p.gpus
        case let .multiNode(prefill, decode): return prefill.gpus + decode.gpus
        }
    }

    /// `ISL/OSL`, or `agentic-coding` with its DRAM tier, as plans and progress lines name the workload.
    public var workloadLabel: String {
        agentic.map { "agentic-coding" + ($0.offloadsToDRAM ? " kv-dram" : "") } ?? "\(isl)/\(osl)"
    }

    /// InferenceX's experiment name: `<model-prefix>_<1k1k|1k8k|8k1k|isl_osl>`, `<model-prefix>_agentic` for trace replay.
    public var expName: String { "\(modelPrefix)_" + (agentic == nil ? SeqLen(isl: isl, osl: osl).name : "agentic") }

    /// Stable id of the content (not of the file position), e.g. `d-3f2a…`.
    public var id: String { "d-" + StableHash.hex(canonicalText) }

    /// One `key=value` per line in a fixed order; the input of the stable ids. Changing it
    /// changes every id, so add new fields only at the end and only when set.
    var canonicalText: String {
        var lines = [
            "config=\(configKey)", "image=\(image)", "model=\(model)", "model-prefix=\(modelPrefix)",
            "runner=\(runner)", "precision=\(precision)", "framework=\(framework)",
            "multinode=\(multinode)", "disagg=\(disagg)", "spec-decoding=\(specDecoding)",
            "isl=\(isl)", "osl=\(osl)",
        ]
        switch topology {
        case let .singleNode(p):
            lines += [
                "tp=\(p.tp)", "ep=\(p.ep ?? 1)", "dp-attn=\(p.dpAttn ?? false)", "pp=\(p.pp ?? 1)",
                "dcp=\(p.dcpSize ?? 1)", "pcp=\(p.pcpSize ?? 1)",
            ]
        case let .multiNode(prefill, decode):
            for (role, pool) in [("prefill", prefill), ("decode", decode)] {
                lines +=
                    [
                        "\(role).num-worker=\(pool.numWorker)", "\(role).tp=\(pool.tp)", "\(role).ep=\(pool.ep)",
                        "\(role).dp-attn=\(pool.dpAttn)", "\(role).pp=\(pool.pp ?? 1)", "\(role).dcp=\(pool.dcpSize ?? 1)",
                        "\(role).pcp=\(pool.pcpSize ?? 1)",
                    ] + (pool.hardware.map { ["\(role).hardware=\($0)"] } ?? []) + [
                        "\(role).settings=\((pool.additionalSettings ?? []).joined(separator: "\u{1F}"))"
                    ]
            }
        }
        if let router { lines.append("router=\(router.label)") }
        if let kvP2PTransfer { lines.append("kv-p2p-transfer=\(kvP2PTransfer)") }
        if let moeBackend { lines.append("moe-backend=\(moeBackend)") }
        if let agentic { lines += agentic.canonicalLines }
        return lines.joined(separator: "\n")
    }
}

/// One benchmark point: one deployment at one concurrency.
public struct BenchmarkPoint: Sendable, Hashable {
    public var deployment: Deployment
    public var conc: Int
    /// Where the search-space entry that produced it was written.
    public var source: String

    /// Stable id from the content, e.g. `p-91c4…`; used for resume and sharding.
    public var id: String { "p-" + StableHash.hex(deployment.canonicalText + "\nconc=\(conc)") }
}

/// An ISL/OSL pair and its InferenceX short name.
public struct SeqLen: Sendable, Hashable {
    public var isl: Int
    public var osl: Int

    public init(isl: Int, osl: Int) {
        self.isl = isl
        self.osl = osl
    }

    static let named: [String: SeqLen] = [
        "1k1k": SeqLen(isl: 1024, osl: 1024), "1k8k": SeqLen(isl: 1024, osl: 8192), "8k1k": SeqLen(isl: 8192, osl: 1024),
    ]

    /// `1k1k` or `8k1k`, else `isl_osl`: InferenceX's exp-name rule, whose short names are only those
    /// two (1024/8192 is `1024_8192` there, though `--seq-lens 1k8k` is accepted here).
    public var name: String {
        Self.named.first { $0.value == self && $0.key != "1k8k" }?.key ?? "\(isl)_\(osl)"
    }

    /// Parses `1k1k`, `8k1k`, `2k128` (k = 1024) or `ISL/OSL` (`2048/128`).
    public init?(parsing text: String) {
        let text = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let known = Self.named[text] { self = known; return }
        let parts = text.split(separator: "/")
        if parts.count == 2, let isl = Int(parts[0]), let osl = Int(parts[1]), isl > 0, osl > 0 {
            self.init(isl: isl, osl: osl)
            return
        }
        // <n>k<m>[k]: the first number always carries k.
        guard let kIndex = text.firstIndex(of: "k"), let isl = Int(text[..<kIndex]), isl > 0 else { return nil }
        var rest = text[text.index(after: kIndex)...]
        var oslScale = 1
        if rest.hasSuffix("k") { rest = rest.dropLast(); oslScale = 1024 }
        guard let osl = Int(rest), osl > 0 else { return nil }
        self.init(isl: isl * 1024, osl: osl * oslScale)
    }
}
