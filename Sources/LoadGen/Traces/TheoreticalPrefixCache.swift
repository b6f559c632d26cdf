/// The prefix-cache hits an infinite cache would give a trace, as AIPerf computes InferenceX's
/// `theoretical_cache_hit_rate`: every request of the trace (main agent and subagents share one
/// hash namespace) in recorded order — (t, entry position, main before subagent, request) — and
/// a request's hits are the leading run of its hash ids already sent by an earlier request.
public struct TheoreticalPrefixCache: Sendable {
    /// Hit blocks per main turn, in order.
    var mainHits: [Int] = []
    /// Per subagent (in order), hit blocks per request.
    var subagentHits: [[Int]] = []

    init(_ trace: AgenticTrace) {
        struct Record {
            var key: (Double, Int, Int, Int)
            var subagent: Int?
            var index: Int
            var hashIDs: [Int]
        }
        var records: [Record] = []
        var turn = 0, subagentIndex = 0
        for (position, entry) in trace.entries.enumerated() {
            switch entry {
            case .request(let request):
                records.append(Record(key: (request.t, position, 0, 0), subagent: nil, index: turn, hashIDs: request.hashIDs))
                turn += 1
            case .subagent(let subagent):
                for (index, request) in subagent.requests.enumerated() {
                    records.append(Record(key: (request.t, position, 1, index), subagent: subagentIndex, index: index, hashIDs: request.hashIDs))
                }
                subagentHits.append(Array(repeating: 0, count: subagent.requests.count))
                subagentIndex += 1
            }
        }
        records.sort { $0.key < $1.key }
        mainHits = Array(repeating: 0, count: turn)
        var seen = Set<Int>()
        for record in records {
            let hits = record.hashIDs.prefix { seen.contains($0) }.count
            seen.formUnion(record.hashIDs)
            if let subagent = record.subagent {
                subagentHits[subagent][record.index] = hits
            } else {
                mainHits[record.index] = hits
            }
        }
    }

    /// Hit blocks of main turn `turn`, or of request `index` of subagent `subagent`.
    func hits(subagent: Int?, index: Int) -> Int {
        if let subagent { subagentHits[subagent][index] } else { mainHits[index] }
    }

    /// Hit blocks over all blocks of the whole trace.
    public static func rate(_ traces: [AgenticTrace]) -> Double? {
        var hit = 0, total = 0
        for trace in traces {
            let cache = TheoreticalPrefixCache(trace)
            hit += cache.mainHits.reduce(0, +) + cache.subagentHits.joined().reduce(0, +)
            total += trace.mainTurns.reduce(0) { $0 + $1.hashIDs.count } + trace.subagents.reduce(0) { $0 + $1.requests.reduce(0) { $0 + $1.hashIDs.count } }
        }
        return total > 0 ? Double(hit) / Double(total) : nil
    }
}
