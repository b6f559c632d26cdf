import Matrix

/// The decode batch cap a disaggregated deployment's recipe sets. InferenceX's TensorRT-LLM
/// multi-node entries name their srt-slurm recipe in `additional-settings`
/// (`CONFIG_FILE=recipes/trtllm/gb200-fp8/8k1k/mtp/ctx4_gen1_dep32_batch8_eplb0_mtp3_333.yaml`),
/// and the name's `batchN` is the decode workers' `max_batch_size`, per attention-DP rank when DP
/// attention is on (the recipes InferenceX vendors under benchmarks/multi_node/srt-slurm-recipes
/// spell both out). A concurrency above the cap waits for a decode slot.
enum RecipeBatchCap {
    /// Largest per-rank batch taken from a recipe name; anything larger is not a batch size.
    static let largestBatch = 1 << 20

    /// `max_batch_size` from the first `CONFIG_FILE=` setting whose file name carries `_batchN_`.
    static func batch(in settings: [String]) -> Int? {
        for setting in settings where setting.hasPrefix("CONFIG_FILE=") {
            let file = setting.split(separator: "/").last.map(String.init) ?? setting
            for part in file.split(separator: "_") where part.hasPrefix("batch") {
                if let batch = Int(part.dropFirst("batch".count)), batch >= 1, batch <= largestBatch { return batch }
            }
        }
        return nil
    }

    /// Running sequences one decode worker holds at most: the recipe's batch on every DP-attention
    /// rank, or on the worker as a whole without DP attention; nil when no recipe names one.
    static func decodeCap(prefill: WorkerPool, decode: WorkerPool) -> Int? {
        guard let batch = batch(in: (prefill.additionalSettings ?? []) + (decode.additionalSettings ?? [])) else { return nil }
        let ranks = decode.dpAttn ? max(1, decode.tp) : 1
        let (cap, overflow) = batch.multipliedReportingOverflow(by: ranks)
        return overflow ? nil : cap
    }
}
