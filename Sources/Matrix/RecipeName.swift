/// What the recipe an InferenceX multi-node entry names says about its engines. TensorRT-LLM
/// entries name their srt-slurm recipe in `additional-settings`
/// (`CONFIG_FILE=recipes/trtllm/gb200-fp8/8k1k/mtp/ctx4_gen1_dep32_batch8_eplb0_mtp3_333.yaml`):
/// `batchN` is the decode workers' `max_batch_size`, per attention-DP rank when DP attention is on,
/// and `mtpN` the MTP head's `max_draft_len` (`mtp0`: none). The recipes InferenceX vendors under
/// benchmarks/multi_node/srt-slurm-recipes spell both out beside their names.
public struct RecipeName: Sendable, Equatable {
    /// Decode `max_batch_size` per rank.
    public var batch: Int?
    /// MTP draft tokens per step (`mtp0`, a recipe without MTP, gives nil).
    public var draftTokens: Int?

    /// Largest batch and draft length taken from a recipe name; anything larger is not one.
    static let largestBatch = 1 << 20
    static let largestDraft = 64

    /// The fields of the first `CONFIG_FILE=` setting's file name, its parts split at `_`, `-` and `.`.
    public init(settings: [String]) {
        guard let setting = settings.first(where: { $0.hasPrefix("CONFIG_FILE=") }) else { return }
        let file = setting.split(separator: "/").last ?? Substring(setting)
        for part in file.split(whereSeparator: { "_-.".contains($0) }) {
            if batch == nil, let value = Self.number(part, after: "batch", upTo: Self.largestBatch) { batch = value }
            if draftTokens == nil, let value = Self.number(part, after: "mtp", upTo: Self.largestDraft) { draftTokens = value }
        }
    }

    /// The positive number after `prefix` in a name part (`batch8` → 8), up to `largest`.
    private static func number(_ part: Substring, after prefix: String, upTo largest: Int) -> Int? {
        guard part.hasPrefix(prefix), let value = Int(part.dropFirst(prefix.count)), (1...largest).contains(value) else { return nil }
        return value
    }
}

extension Topology {
    /// The recipe a multi-node entry's pools name (nil for a single node).
    public var recipe: RecipeName? {
        guard case let .multiNode(prefill, decode) = self else { return nil }
        return RecipeName(settings: (prefill.additionalSettings ?? []) + (decode.additionalSettings ?? []))
    }

    /// Running sequences one decode worker holds at most: the recipe's batch on every DP-attention
    /// rank, or on the worker as a whole without DP attention; nil when no recipe names one.
    public var decodeBatchCap: Int? {
        guard case let .multiNode(_, decode) = self, let batch = recipe?.batch else { return nil }
        let ranks = decode.dpAttn ? max(1, decode.tp) : 1
        let (cap, overflow) = batch.multipliedReportingOverflow(by: ranks)
        return overflow ? nil : cap
    }
}
