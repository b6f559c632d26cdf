/// Prompt token ids of a replayed request: 64 ids per block, drawn from the block's content id
/// alone, so equal blocks are equal token runs wherever they appear.
public enum ReplayPrompt {
    /// `vocabulary`: the model's vocabulary size when below 31000 (as `bench load --vocab-size`).
    public static func tokenIDs(_ request: ReplayRequest, seed: UInt64, vocabulary: Int? = nil) -> [Int] {
        let (first, span) = Workload.tokenIDRange(vocabularySize: vocabulary)
        var ids: [Int] = []
        ids.reserveCapacity(request.promptTokens)
        for content in request.blockContents {
            var random = WorkloadRandom(seed: seed, stream: 7, index: content)
            for _ in 0..<AgenticTrace.blockSize {
                guard ids.count < request.promptTokens else { return ids }
                ids.append(first + Int(random.next() % UInt64(span)))
            }
        }
        return ids
    }

    /// Block contents of a prompt: its hash ids' contents (from seed, trace, replay pass and
    /// hash id), then blocks of its own for any tokens past them.
    static func blockContents(
        _ step: ReplayPlan.Step, seed: UInt64, traceKey: UInt64, pass: Int, agent: Int, turn: Int
    ) -> [UInt64] {
        let blocks = (step.promptTokens + AgenticTrace.blockSize - 1) / AgenticTrace.blockSize
        let tree = StableKey.combine(seed, traceKey, UInt64(pass))
        return (0..<blocks).map { index in
            index < step.hashIDs.count
                ? StableKey.combine(tree, UInt64(step.hashIDs[index]))
                : StableKey.combine(tree, 0xF111, UInt64(agent), UInt64(turn), UInt64(index))
        }
    }
}
