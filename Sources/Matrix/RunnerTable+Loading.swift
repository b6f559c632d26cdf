import Catalog
import Yams

extension RunnerTable {
    /// Reads a runners.yaml: `labels:` maps each label to a non-empty list of machine names;
    /// optional `hardware:` maps a label to `available-cpu-dram-mib` and `gpus-per-node` (both > 0).
    /// Every problem is thrown together, positioned.
    public static func load(path: String) throws(DiagnosticsError) -> RunnerTable {
        let document = try YAMLDocument(path: path)
        var problems: [Diagnostic] = []
        let start = SourceLocation(file: path, line: 1, column: 1)
        guard let root = document.root,
            let fields = FieldReader(root, what: "the runner config", allowed: ["labels", "hardware"], document: document, into: &problems)
        else {
            throw DiagnosticsError(
                problems.isEmpty
                    ? [
                        Diagnostic(
                            .error, at: start, "the runner config is empty",
                            hint: "add 'labels:' mapping each runner label to its machines")
                    ] : problems)
        }
        _ = fields.requireAll(["labels"], into: &problems)
        var labels: [String: [String]] = [:]
        if let node = fields.node("labels") {
            for pair in mappingPairs(node, what: "'labels'", document: document, into: &problems) {
                let what = "runner label '\(pair.key)'"
                guard let list = pair.value.sequence, !list.isEmpty,
                    list.allSatisfy({ $0.scalar != nil && !($0.string ?? "").isEmpty })
                else {
                    problems.append(
                        Diagnostic(
                            .error, at: document.location(of: pair.value),
                            "\(what) must be a non-empty list of machine names", hint: "write '- machine_00' lines under it"))
                    continue
                }
                labels[pair.key] = list.compactMap(\.string)
            }
        }
        var hosts: [String: RunnerHost] = [:]
        if let node = fields.node("hardware") {
            for pair in mappingPairs(node, what: "'hardware'", document: document, into: &problems) {
                guard
                    let host = FieldReader(
                        pair.value, what: "hardware '\(pair.key)'", allowed: ["available-cpu-dram-mib", "gpus-per-node"],
                        document: document, into: &problems)
                else { continue }
                let complete = host.requireAll(["available-cpu-dram-mib", "gpus-per-node"], into: &problems)
                let dram = host.positiveInt("available-cpu-dram-mib", into: &problems)
                let gpus = host.positiveInt("gpus-per-node", into: &problems)
                if complete, let dram, let gpus { hosts[pair.key] = RunnerHost(availableCPUDRAMMiB: dram, gpusPerNode: gpus) }
            }
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        return RunnerTable(labels: labels, hosts: hosts, origin: path)
    }

    private static func mappingPairs(
        _ node: Node, what: String, document: YAMLDocument,
        into problems: inout [Diagnostic]
    ) -> [(key: String, keyNode: Node, value: Node)] {
        guard let mapping = node.mapping else {
            problems.append(Diagnostic(.error, at: document.location(of: node), "\(what) in the runner config must be a mapping"))
            return []
        }
        let (pairs, duplicates) = document.pairs(of: mapping, in: "\(what) of the runner config")
        problems += duplicates
        return pairs
    }

    /// Used when no runners.yaml is found: any label bench can name a GPU for is accepted, and the host
    /// facts are those of InferenceX's fleet (configs/runners.yaml at SemiAnalysisAI/InferenceX commit
    /// 843c6254, December 2026), so agentic DRAM budgets match InferenceX's without its file.
    public static let builtIn = RunnerTable(
        labels: nil,
        hosts: [
            "cluster:h100-dgxc": RunnerHost(availableCPUDRAMMiB: 2_063_837, gpusPerNode: 8),
            "cluster:h100-cw": RunnerHost(availableCPUDRAMMiB: 1_998_848, gpusPerNode: 8),
            "cluster:h200-dgxc": RunnerHost(availableCPUDRAMMiB: 1_471_356, gpusPerNode: 8),
            "cluster:h200-cw": RunnerHost(availableCPUDRAMMiB: 1_998_848, gpusPerNode: 8),
            "cluster:h200-nb": RunnerHost(availableCPUDRAMMiB: 1_472_512, gpusPerNode: 8),
            "cluster:b200-dgxc": RunnerHost(availableCPUDRAMMiB: 3_095_781, gpusPerNode: 8),
            "b200-nscale": RunnerHost(availableCPUDRAMMiB: 2_063_920, gpusPerNode: 8),
            "cluster:b200-nscale": RunnerHost(availableCPUDRAMMiB: 2_063_920, gpusPerNode: 8),
            "cluster:b300-nv": RunnerHost(availableCPUDRAMMiB: 2_964_436, gpusPerNode: 8),
            "cluster:gb200-nv": RunnerHost(availableCPUDRAMMiB: 860_160, gpusPerNode: 4),
            "cluster:gb300-nv": RunnerHost(availableCPUDRAMMiB: 860_160, gpusPerNode: 4),
            "cluster:rtx6000pro-lat": RunnerHost(availableCPUDRAMMiB: 1_500_000, gpusPerNode: 8),
            "cluster:mi300x-amds": RunnerHost(availableCPUDRAMMiB: 2_321_924, gpusPerNode: 8),
            "cluster:mi300x-tw": RunnerHost(availableCPUDRAMMiB: 2_322_328, gpusPerNode: 8),
            "cluster:mi325x-amds": RunnerHost(availableCPUDRAMMiB: 3_091_589, gpusPerNode: 8),
            "cluster:mi355x-amds": RunnerHost(availableCPUDRAMMiB: 3_095_781, gpusPerNode: 8),
        ], origin: "bench's built-in runner table")
}
