import BenchTesting
import Foundation
import Testing

@testable import LoadGen

/// The synthetic traces are deterministic and land on the published corpus figures
/// (docs/agentic.md, "Synthetic traces") within the spread of a small sample.
@Suite struct SyntheticTracesTests {
    static let full = SyntheticTraces.generate(count: 30, seed: 7, profile: .claudeCode)

    @Test func theSameSeedWritesTheSameTraces() {
        #expect(SyntheticTraces.generate(count: 3, seed: 7, profile: .claudeCode) == Array(Self.full.prefix(3)))
        #expect(SyntheticTraces.generate(count: 1, seed: 8, profile: .claudeCode)[0] != Self.full[0])
    }

    @Test func statisticsHitThePublishedTargets() {
        let stats = TraceStatistics(Self.full)
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
        #expect(abs(mean(stats.mainTurnsPerTrace) / 144.5 - 1) < 0.4, "062126: 56.8k main turns / 393 traces")
        #expect(stats.mainTurnsPerTrace.allSatisfy { $0 >= 20 }, "at least 20 per session")
        #expect(abs(mean(stats.subagentsPerTrace) / 4.32 - 1) < 0.4, "1,697 groups / 393 traces")
        #expect(abs(mean(stats.requestsPerSubagent) / 24.7 - 1) < 0.4, "42.0k inner requests / 1,697 groups")
        #expect(stats.maxInputTokens <= SyntheticTraces.inputCap)
        #expect((stats.theoreticalHitRate ?? 0) > 0.9, "each turn resends the growing conversation")

        let capped = Self.full.map { SyntheticTraces.capped($0, at: SyntheticTraces.contextCap256k) }
        let cappedStats = TraceStatistics(capped)
        let keptMain = cappedStats.mainTurnsPerTrace.reduce(0, +) / stats.mainTurnsPerTrace.reduce(0, +)
        let keptInner = cappedStats.requestsPerSubagent.reduce(0, +) / stats.requestsPerSubagent.reduce(0, +)
        #expect(abs(keptMain - 0.5) < 0.15, "062126-256k keeps 28.4k of 56.8k main turns; kept \(keptMain)")
        #expect(abs(keptInner - 0.948) < 0.05, "and 39.8k of 42.0k subagent requests; kept \(keptInner)")
        #expect(cappedStats.over256kShare == 0)
    }

    @Test func aWrittenTraceReadsBackUnchanged() throws {
        let small = SyntheticTraces.capped(Self.full[0], at: 40_000)
        try withTemporaryDirectory("synth") { folder in
            let path = try folder.writing(small.jsonLine + "\n", to: "one.jsonl")
            #expect(try AgenticTraceFile.read(URL(fileURLWithPath: path)) == [small])
        }
    }
}
