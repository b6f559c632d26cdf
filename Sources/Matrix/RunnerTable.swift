import Catalog
import Foundation
import Yams

/// InferenceX's `runners.yaml`: the runner labels a config may name (each with the machines that serve
/// it) and host facts per label (`available-cpu-dram-mib`, `gpus-per-node`) that agentic KV offload
/// budgets are computed from. `bench` reads the user's file, or falls back to `builtIn`.
public struct RunnerTable: Sendable {
    /// Label → machine names; nil for the built-in table, which knows GPUs but no fleet.
    public var labels: [String: [String]]?
    public var hosts: [String: RunnerHost]
    /// Where the table came from, for messages: a path, or "bench's built-in runner table".
    public var origin: String

    /// Labels of one exact fleet (`cluster:b300-nv`), required for agentic configs.
    public static let clusterPrefix = "cluster:"

    public init(labels: [String: [String]]?, hosts: [String: RunnerHost], origin: String) {
        self.labels = labels
        self.hosts = hosts
        self.origin = origin
    }

    /// The file to read for these matrices: `explicit` when given, else a `runners.yaml` beside the
    /// first matrix file (InferenceX keeps it in `configs/`), else nil (use `builtIn`).
    public static func path(explicit: String?, matrixFiles: [String]) -> String? {
        if let explicit { return explicit }
        guard let first = matrixFiles.first else { return nil }
        let beside = URL(fileURLWithPath: first).deletingLastPathComponent().appendingPathComponent("runners.yaml").path
        return FileManager.default.fileExists(atPath: beside) ? beside : nil
    }

    /// The GPU a runner label stands for. The label's own name first (`cluster:` prefix and pool
    /// suffixes such as `-multinode`, `-nv`, `-amds` dropped by `naming`); failing that, the machines
    /// runners.yaml lists under it (`b200-dgxc_03`), when they all name the same GPU.
    public func hardwareName(forRunner runner: String, naming: HardwareNaming) -> String? {
        if let name = naming.hardwareName(forRunner: runner) { return name }
        let machines = Set(
            (labels?[runner] ?? []).compactMap { machine -> String? in
                let stem = machine.split(separator: "_").first.map(String.init) ?? machine
                return naming.hardwareName(forRunner: stem)
            })
        return machines.count == 1 ? machines.first : nil
    }

    /// Problems with the runners the configs name: an error when bench cannot tell which GPU a runner
    /// is (naming the labels it knows), a warning when a runner is not a label of the user's file
    /// (InferenceX could not schedule it, though its generator does not check).
    func problems(for configs: [MatrixConfig], naming: HardwareNaming) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let known = (labels?.keys.sorted() ?? [])
        for config in configs {
            let isLabel = labels?[config.runner] != nil
            if hardwareName(forRunner: config.runner, naming: naming) == nil && !isLabel {
                let near = nearestKey(to: config.runner, in: known)
                problems.append(
                    Diagnostic(
                        .error, at: config.location,
                        "runner '\(config.runner)' of '\(config.key)' is neither a label of \(origin) nor a GPU bench knows",
                        hint: (near.map { "did you mean '\($0)'? " } ?? "")
                            + (known.isEmpty
                                ? "name a catalog GPU (bench catalog list) or pass --runner-config FILE"
                                : "labels: \(known.joined(separator: ", "))")))
            } else if labels != nil && !isLabel {
                problems.append(
                    Diagnostic(
                        .warning, at: config.location,
                        "runner '\(config.runner)' of '\(config.key)' is not a label of \(origin)",
                        hint: "InferenceX's workflows could not schedule it; add it under 'labels:'"))
            }
        }
        return problems
    }
}

/// Host facts of one runner label or fleet.
public struct RunnerHost: Sendable, Equatable {
    public var availableCPUDRAMMiB: Int
    public var gpusPerNode: Int

    public init(availableCPUDRAMMiB: Int, gpusPerNode: Int) {
        self.availableCPUDRAMMiB = availableCPUDRAMMiB
        self.gpusPerNode = gpusPerNode
    }
}
