import Catalog
import Foundation

/// The CPU DRAM budget (decimal GB) an agentic server node gives its KV offload tier, as InferenceX's
/// generator computes `total-cpu-dram-gb`: the host's available DRAM (capped at 3 TB decimal), times
/// `dram-utilization`, times the share of the node's GPUs one server replica occupies, truncated.
enum AgenticDRAMBudget {
    /// 3 × 10¹² bytes expressed in MiB, InferenceX's cap before the utilisation is applied.
    static let capMiB = 2_861_022

    struct Failure: Error {
        var message: String
        var hint: String
    }

    /// `gpusPerReplica` is tp·pp·pcp of the single-node topology or of one prefill worker (only
    /// prefill offloads KV today). Decimal arithmetic, so 0.8 is exactly 0.8 as in InferenceX.
    static func gigabytes(
        runner: String, host: RunnerHost?, utilization: Double, gpusPerReplica: Int,
        multinode: Bool
    ) throws(Failure) -> Int {
        guard let host else {
            throw Failure(
                message: "runner '\(runner)' has no host facts for the DRAM offload budget",
                hint: "add 'hardware: { \(runner): { available-cpu-dram-mib: N, gpus-per-node: N } }' to runners.yaml")
        }
        let perNode = host.gpusPerNode
        let share: Int
        if multinode {
            // A replica wider than a node fills whole nodes; a narrower one must tile its node.
            if gpusPerReplica > perNode {
                guard gpusPerReplica % perNode == 0 else {
                    throw Failure(
                        message: "a prefill worker of \(gpusPerReplica) GPUs spans nodes but is not a multiple of gpus-per-node \(perNode)",
                        hint: "use a worker size that fills whole nodes")
                }
                share = perNode
            } else {
                guard perNode % gpusPerReplica == 0 else {
                    throw Failure(
                        message: "a prefill worker of \(gpusPerReplica) GPUs does not divide gpus-per-node \(perNode)",
                        hint: "use a worker size that tiles the node")
                }
                share = gpusPerReplica
            }
        } else {
            guard gpusPerReplica <= perNode else {
                throw Failure(
                    message: "tp·pp·pcp = \(gpusPerReplica) GPUs exceeds gpus-per-node \(perNode) of runner '\(runner)'",
                    hint: "a single-node agentic entry must fit one node")
            }
            share = gpusPerReplica
        }
        let available = Decimal(min(host.availableCPUDRAMMiB, capMiB))
        let fraction = Decimal(string: "\(utilization)") ?? Decimal(utilization)
        let bytes = available * Decimal(1024 * 1024) * fraction * Decimal(share) / Decimal(perNode)
        var gigabytes = bytes / Decimal(1_000_000_000)
        var whole = Decimal()
        NSDecimalRound(&whole, &gigabytes, 0, .down)
        return NSDecimalNumber(decimal: whole).intValue
    }
}
