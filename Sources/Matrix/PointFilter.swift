import Catalog

/// `--filter KEY=VALUE`: keeps points whose KEY matches one of VALUE's comma-separated
/// alternatives; `*` and `?` are wildcards. Several filters must all match.
public struct PointFilter: Sendable, Equatable {
    public static let keys = [
        "config", "model", "model-prefix", "precision", "framework", "runner", "hardware", "multinode", "disagg",
        "spec-decoding", "isl", "osl", "seq-len", "tp", "ep", "dp-attn", "conc", "gpus",
    ]

    public var key: String
    public var alternatives: [String]

    /// Parses `KEY=VALUE`, with an actionable error for a missing `=` or an unknown key.
    public init(parsing text: String) throws(Diagnostic) {
        guard let equals = text.firstIndex(of: "=") else {
            throw Diagnostic(.error, at: nil, "filter '\(text)' has no '='", hint: "write KEY=VALUE, e.g. runner=h200")
        }
        let key = String(text[..<equals]).lowercased()
        let value = String(text[text.index(after: equals)...])
        guard Self.keys.contains(key) else {
            let near = nearestKey(to: key, in: Self.keys)
            throw Diagnostic(
                .error, at: nil, "unknown filter key '\(key)'",
                hint: (near.map { "did you mean '\($0)'? " } ?? "") + "keys: \(Self.keys.joined(separator: ", "))")
        }
        guard !value.isEmpty else {
            throw Diagnostic(.error, at: nil, "filter '\(text)' has an empty value", hint: "write KEY=VALUE, e.g. \(key)=...")
        }
        self.key = key
        self.alternatives = value.split(separator: ",").map { String($0).lowercased() }
    }

    public func matches(_ point: BenchmarkPoint, hardware: HardwareNaming?) -> Bool {
        let d = point.deployment
        switch key {
        case "isl": return matches([String(d.isl)])
        case "osl": return matches([String(d.osl)])
        case "seq-len": return matches([SeqLen(isl: d.isl, osl: d.osl).name])
        default:
            return matches(
                commonValues(
                    DeploymentFields(
                        configKey: d.configKey, model: d.model, modelPrefix: d.modelPrefix,
                        precision: d.precision, framework: d.framework, runner: d.runner,
                        multinode: d.multinode, disagg: d.disagg, specDecoding: d.specDecoding,
                        topology: d.topology, gpus: d.gpus),
                    conc: point.conc, hardware: hardware))
        }
    }

    /// Agentic points have no ISL/OSL: a filter on those keys never keeps them.
    public func matches(_ point: AgenticPoint, hardware: HardwareNaming?) -> Bool {
        let c = point.config
        return matches(
            commonValues(
                DeploymentFields(
                    configKey: c.key, model: c.model, modelPrefix: c.modelPrefix,
                    precision: c.precision, framework: c.framework, runner: c.runner,
                    multinode: c.multinode, disagg: c.disagg, specDecoding: point.entry.specDecoding,
                    topology: point.entry.topology, gpus: point.gpus),
                conc: point.conc, hardware: hardware))
    }

    private func matches(_ values: [String]) -> Bool {
        values.contains { value in alternatives.contains { Glob.matches($0, value.lowercased()) } }
    }

    /// The fields both kinds of point share.
    private struct DeploymentFields {
        var configKey, model, modelPrefix, precision, framework, runner: String
        var multinode, disagg: Bool
        var specDecoding: String
        var topology: Topology
        var gpus: Int
    }

    /// A field's value(s); multi-node points answer with both pools' values.
    private func commonValues(_ d: DeploymentFields, conc: Int, hardware: HardwareNaming?) -> [String] {
        switch key {
        case "config": return [d.configKey]
        case "model": return [d.model]
        case "model-prefix": return [d.modelPrefix]
        case "precision": return [d.precision]
        case "framework": return [d.framework]
        case "runner": return [d.runner]
        case "hardware": return [hardware?.hardwareName(forRunner: d.runner) ?? d.runner]
        case "multinode": return [String(d.multinode)]
        case "disagg": return [String(d.disagg)]
        case "spec-decoding": return [d.specDecoding]
        case "conc": return [String(conc)]
        case "gpus": return [String(d.gpus)]
        case "tp", "ep", "dp-attn": return parallelismValues(d.topology)
        default: return []
        }
    }

    private func parallelismValues(_ topology: Topology) -> [String] {
        switch topology {
        case let .singleNode(p):
            switch key {
            case "tp": return [String(p.tp)]
            case "ep": return [String(p.ep ?? 1)]
            default: return [String(p.dpAttn ?? false)]
            }
        case let .multiNode(prefill, decode):
            return [prefill, decode].map { pool in
                switch key {
                case "tp": return String(pool.tp)
                case "ep": return String(pool.ep)
                default: return String(pool.dpAttn)
                }
            }
        }
    }
}

/// Shell-style wildcard matching: `*` any run, `?` one character.
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        if !pattern.contains("*") && !pattern.contains("?") { return pattern == text }
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
                pi += 1; ti += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
