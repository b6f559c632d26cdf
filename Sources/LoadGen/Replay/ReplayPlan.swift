import Metrics

/// One trace compiled for replay: what each request sends and what it waits for. Gaps are the
/// recorded end-to-start idle times (AIPerf's rule: the start-to-start gap would count the
/// previous request's server time twice), clamped at zero where the recording overlaps.
struct ReplayPlan: Sendable {
    struct Step: Sendable {
        var promptTokens: Int
        var maxTokens: Int
        var hashIDs: [Int]
        /// Idle time after this step's dependencies complete (ns).
        var gap: Int64
        var theoreticalCachedTokens: Int
    }

    struct Subagent: Sendable {
        /// The main turn after whose completion it is spawned; -1: the session's start.
        var spawnAfter: Int
        /// The main turn that waits for it: the first one recorded after it ended; nil: none does.
        var joinTurn: Int?
        var steps: [Step]
    }

    /// A key for the trace's block contents (its id, hashed).
    var traceKey: UInt64
    var turns: [Step]
    var subagents: [Subagent]
    /// Per main turn, the subagents it waits for.
    var joins: [[Int]]

    init(_ trace: AgenticTrace) {
        traceKey = StableKey.of(trace.id)
        let cache = TheoreticalPrefixCache(trace)
        let main = trace.mainTurns
        let origin = trace.entries.map { entry in
            switch entry {
            case .request(let request): request.t
            case .subagent(let subagent): subagent.requests.map(\.t).min() ?? subagent.t
            }
        }.min() ?? 0

        var subagents: [Subagent] = []
        var recordedSubagents: [TraceSubagent] = []
        var lastTurn = -1, subagentIndex = 0
        for entry in trace.entries {
            switch entry {
            case .request:
                lastTurn += 1
            case .subagent(let subagent):
                defer { subagentIndex += 1 }
                guard let first = subagent.requests.first else { continue }
                let spawnedAt = lastTurn >= 0 ? main[lastTurn].end : origin
                var steps: [Step] = []
                for (index, request) in subagent.requests.enumerated() {
                    let gap = index == 0 ? first.t - spawnedAt : request.t - subagent.requests[index - 1].end
                    steps.append(Self.step(request, gap: gap, hits: cache.hits(subagent: subagentIndex, index: index)))
                }
                let end = subagent.end
                let join = main.indices.first { $0 > lastTurn && main[$0].t + 1e-6 >= end }
                subagents.append(Subagent(spawnAfter: lastTurn, joinTurn: join, steps: steps))
                recordedSubagents.append(subagent)
            }
        }
        var joins = Array(repeating: [Int](), count: main.count)
        for (index, subagent) in subagents.enumerated() { if let turn = subagent.joinTurn { joins[turn].append(index) } }
        turns = main.indices.map { turn in
            let dependencies = joins[turn].map { recordedSubagents[$0].end } + [turn > 0 ? main[turn - 1].end : origin]
            return Self.step(main[turn], gap: main[turn].t - (dependencies.max() ?? origin), hits: cache.hits(subagent: nil, index: turn))
        }
        self.subagents = subagents
        self.joins = joins
    }

    private static func step(_ request: TraceRequest, gap: Double, hits: Int) -> Step {
        let prompt = max(1, request.inputTokens)
        return Step(
            promptTokens: prompt, maxTokens: max(1, request.outputTokens), hashIDs: request.hashIDs,
            gap: CheckedNumbers.nanoseconds(gap), theoreticalCachedTokens: min(prompt, hits * AgenticTrace.blockSize))
    }
}

/// Stable 64-bit keys (FNV-1a, then mixed) and the mixing the block contents use.
enum StableKey {
    static func of(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return mix(hash)
    }

    /// splitmix64's finaliser: every input bit reaches every output bit.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func combine(_ values: UInt64...) -> UInt64 {
        values.reduce(0x5EED) { mix($0 ^ $1) }
    }
}
