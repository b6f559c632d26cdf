import Foundation

/// Synthetic Weka traces shaped like SemiAnalysis's published Claude Code corpora, for when the
/// real dataset cannot be downloaded. Each figure and its source is in docs/agentic.md
/// ("Synthetic traces"); the comments below name only what is modelled.
public enum SyntheticTraces {
    public enum Profile: String, Sendable, CaseIterable {
        /// Full context (semianalysisai/cc-traces-weka-062126).
        case claudeCode = "claude-code"
        /// The same sessions with every request over 256k tokens dropped (…-062126-256k).
        case claudeCode256k = "claude-code-256k"
    }

    /// The 256k variant's rule: a request with `in + out` above it is dropped.
    public static let contextCap256k = 256_000
    /// The base corpus caps inputs here (KV-block overcount artefacts); longer sessions compact.
    static let inputCap = 990_016

    public static func generate(count: Int, seed: UInt64, profile: Profile) -> [AgenticTrace] {
        (0..<count).map { index in
            let trace = session(index: index, seed: seed)
            return profile == .claudeCode256k ? capped(trace, at: contextCap256k) : trace
        }
    }

    // MARK: one session

    private struct Context {
        var blocks: [Int] = []
        var tokens = 0
        var nextID: Int

        /// Appends tokens: the partial last block's content changes, so it and every new block get fresh ids.
        mutating func append(_ count: Int) {
            blocks.removeLast(blocks.count - tokens / AgenticTrace.blockSize)
            tokens += count
            while blocks.count < (tokens + AgenticTrace.blockSize - 1) / AgenticTrace.blockSize {
                blocks.append(nextID)
                nextID += 1
            }
        }
    }

    private static func session(index: Int, seed: UInt64) -> AgenticTrace {
        var random = WorkloadRandom(seed: seed, stream: 9, index: UInt64(index))
        var ids = 0
        let turns = min(2180, 20 + Int(logNormal(mean: 124.5, sigma: 1, &random).rounded()))
        let systemPrompt = Int(min(200_000, max(2000, logNormal(median: 28_000, sigma: 0.5, &random))))
        // Subagent groups: Poisson with a mean proportional to the session's length.
        let groups = poisson(4.32 * Double(turns) / 144.5, &random)
        var spawnsAfter = [Int: Int]()
        for _ in 0..<groups { spawnsAfter[Int(random.next() % UInt64(max(1, turns - 1))), default: 0] += 1 }

        var main = Context(nextID: 0)
        main.append(systemPrompt)
        var entries: [TraceEntry] = []
        var time = 0.0, previousOutput = 0, readyAt = 0.0
        for turn in 0..<turns {
            if turn > 0 {
                main.append(previousOutput + Int(logNormal(median: 1250, sigma: 1.2, &random)))
                if main.tokens > inputCap {  // compaction: the tools and system prompt, then a summary
                    var compacted = Context(blocks: Array(main.blocks.prefix(systemPrompt / AgenticTrace.blockSize)), tokens: 0, nextID: main.nextID)
                    compacted.tokens = compacted.blocks.count * AgenticTrace.blockSize
                    compacted.append(20_000)
                    main = compacted
                }
                time = readyAt + thinkTime(&random)
            }
            let output = Int(min(32_000, max(1, logNormal(median: 250, sigma: 1, &random))))
            let api = apiTime(input: main.tokens, output: output)
            entries.append(.request(TraceRequest(
                type: .streaming, t: rounded(time), inputTokens: main.tokens, outputTokens: output, hashIDs: main.blocks,
                apiTime: rounded(api), thinkTime: turn > 0 ? rounded(time - readyAt) : nil, ttft: rounded(0.5 + Double(main.tokens) / 200_000))))
            previousOutput = output
            readyAt = time + api
            ids = max(ids, main.nextID)
            var joinAt = readyAt
            for group in 0..<(spawnsAfter[turn] ?? 0) {
                let (subagent, end) = subagent(
                    "agent_\(turn)_\(group)", start: readyAt + 0.2, shared: Array(main.blocks.prefix(min(systemPrompt, 10_000) / AgenticTrace.blockSize)),
                    firstID: ids, &random)
                ids = subagent.requests.flatMap(\.hashIDs).max().map { $0 + 1 } ?? ids
                main.nextID = ids
                entries.append(.subagent(subagent))
                joinAt = max(joinAt, end)
            }
            readyAt = joinAt
        }
        return AgenticTrace(id: String(format: "synthetic-%016llx-%05d", seed, index), entries: entries)
    }

    /// A subagent: the parent's tools prefix, its task, then a tool loop of its own.
    private static func subagent(_ id: String, start: Double, shared: [Int], firstID: Int, _ random: inout WorkloadRandom) -> (TraceSubagent, Double) {
        let steps = 1 + Int(logNormal(mean: 23.7, sigma: 1, &random).rounded())
        var context = Context(blocks: shared, tokens: shared.count * AgenticTrace.blockSize, nextID: firstID)
        context.append(Int(logNormal(median: 8000, sigma: 0.8, &random)))
        var requests: [TraceRequest] = [], time = start, previousOutput = 0
        for step in 0..<steps {
            if step > 0 {
                context.append(previousOutput + Int(logNormal(median: 950, sigma: 1.2, &random)))
                time += logNormal(median: 1, sigma: 1, &random)
            }
            let output = Int(min(32_000, max(1, logNormal(median: 150, sigma: 1, &random))))
            let api = apiTime(input: context.tokens, output: output)
            requests.append(TraceRequest(
                t: rounded(time), inputTokens: context.tokens, outputTokens: output, hashIDs: context.blocks, apiTime: rounded(api),
                thinkTime: step > 0 ? rounded(time - (requests.last?.end ?? time)) : nil))
            time += api
            previousOutput = output
        }
        return (TraceSubagent(agentID: id, t: rounded(start), requests: requests), time)
    }

    // MARK: the 256k rule

    /// Drops every request over `cap` (in + out), and subagents left empty; times keep their
    /// offsets, shifted together when the first request went (the published builder's rule).
    static func capped(_ trace: AgenticTrace, at cap: Int) -> AgenticTrace {
        func fits(_ request: TraceRequest) -> Bool { request.inputTokens + request.outputTokens <= cap }
        var entries: [TraceEntry] = trace.entries.compactMap { entry in
            switch entry {
            case .request(let request): return fits(request) ? entry : nil
            case .subagent(var subagent):
                subagent.requests = subagent.requests.filter(fits)
                guard let first = subagent.requests.first else { return nil }
                subagent.t = first.t
                return .subagent(subagent)
            }
        }
        let origin = entries.map { entry in
            switch entry {
            case .request(let request): request.t
            case .subagent(let subagent): subagent.t
            }
        }.min() ?? 0
        if origin > 0 {
            entries = entries.map { entry in
                switch entry {
                case .request(var request):
                    request.t -= origin
                    return .request(request)
                case .subagent(var subagent):
                    subagent.t -= origin
                    for index in subagent.requests.indices { subagent.requests[index].t -= origin }
                    return .subagent(subagent)
                }
            }
        }
        return AgenticTrace(id: trace.id, entries: entries)
    }

    // MARK: draws

    /// Tool execution most of the time; a person reading and typing one time in ten.
    private static func thinkTime(_ random: inout WorkloadRandom) -> Double {
        random.unit() < 0.9 ? logNormal(median: 2, sigma: 1, &random) : logNormal(median: 45, sigma: 1.5, &random)
    }

    private static func apiTime(input: Int, output: Int) -> Double {
        0.5 + Double(input) / 200_000 + Double(output) / 60
    }

    private static func logNormal(median: Double, sigma: Double, _ random: inout WorkloadRandom) -> Double {
        median * exp(sigma * Arrivals.OffsetSequence.normal(&random))
    }

    private static func logNormal(mean: Double, sigma: Double, _ random: inout WorkloadRandom) -> Double {
        logNormal(median: mean * exp(-sigma * sigma / 2), sigma: sigma, &random)
    }

    private static func poisson(_ mean: Double, _ random: inout WorkloadRandom) -> Int {
        let limit = exp(-mean)
        var product = random.unit(), count = 0
        while product > limit, count < 10_000 {
            product *= random.unit()
            count += 1
        }
        return count
    }

    /// Millisecond times, as the proxy records them.
    private static func rounded(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }
}
