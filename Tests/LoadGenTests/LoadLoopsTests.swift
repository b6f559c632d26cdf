import BenchTesting
import Foundation
import LoadGen
import Metrics
import SimServer
import Testing

private func settings(
    _ url: URL, loops: Int, concurrency: Int? = 6, prompts: Int = 30, osl: Int = 8, rate: Double? = nil, timeout: Double = 30,
    warmups: Int = 4
) throws -> LoadSettings {
    LoadSettings(
        target: try LoadTarget(url: url.absoluteString, endpoint: .completions),
        workload: Workload(endpoint: .completions, model: "llama70b", inputLength: 16, outputLength: osl, rangeRatio: 0.5, seed: 3),
        arrivals: Arrivals(rate: rate), maxConcurrency: concurrency, length: .prompts(prompts), warmups: warmups, timeoutSeconds: timeout,
        loops: loops)
}

/// The lengths and counts of a run: what a 1-loop run and an N-loop run of one workload must share.
private struct Shape: Equatable {
    var lengths: [[Int]]
    var completed, failed, inputTokens, outputTokens: Int

    init(_ outcome: LoadOutcome) {
        lengths = outcome.requests.map { [$0.record.index, $0.record.promptTokens, $0.record.outputTokens, $0.record.events.count] }
        let metrics = PointMetrics(records: outcome.requests.map(\.record))
        (completed, failed, inputTokens, outputTokens) = (metrics.completed, metrics.failed, metrics.inputTokens, metrics.outputTokens)
    }
}

/// `bench load --loops N`: streams spread over N event loops, every request measured once.
@Suite struct LoadLoopsTests {
    @Test func severalLoopsMeasureEveryRequestOnceAndAgreeWithOne() async throws {
        var options = ServerOptions()
        options.loops = 2
        try await withSimServer(options) { url, _ in
            let one = try await LoadRun(settings: try settings(url, loops: 1)).run()
            for loops in [2, 3, 4] {
                let outcome = try await LoadRun(settings: try settings(url, loops: loops)).run()
                #expect(outcome.requests.map(\.record.index) == Array(0..<30), "\(loops) loops: each request once, in order")
                #expect(outcome.requests.allSatisfy(\.record.succeeded) && outcome.warmupFailures == 0)
                #expect(outcome.loopCPUSeconds.count == loops && outcome.peakInFlight == 6)
                #expect(Shape(outcome) == Shape(one), "\(loops) loops")
            }
        }
    }

    @Test func openLoopKeepsOneScheduleOverLoops() async throws {
        try await withSimServer { url, _ in
            let outcome = try await LoadRun(settings: try settings(url, loops: 3, concurrency: nil, prompts: 40, osl: 4, rate: 80, warmups: 0)).run()
            #expect(outcome.requests.map(\.record.index) == Array(0..<40))
            let intended = outcome.requests.map(\.intendedStart)
            let span = Double(intended.max()! - intended.min()!) / 1e9
            // The schedule's own 39 gaps at 80/s: about half a second, whichever loop sends each.
            #expect(span > 0.2 && span < 1.2, "intended sends span \(span) s")
            #expect(outcome.requests.allSatisfy { $0.record.succeeded })
        }
    }

    @Test func durationEndsOnEveryLoop() async throws {
        try await withSimServer { url, _ in
            var load = try settings(url, loops: 3, osl: 4, warmups: 0)
            load.length = .duration(0.4)
            let outcome = try await LoadRun(settings: load).run()
            let starts = outcome.requests.map(\.record.start)
            #expect(outcome.requests.count >= 6 && Set(outcome.requests.map(\.record.index)).count == outcome.requests.count)
            #expect(Double(starts.max()! - starts.min()!) / 1e9 < 0.4, "nothing issued after the duration")
            #expect(outcome.requests.allSatisfy { $0.record.succeeded })
        }
    }

    @Test func stopReportsWhatEveryLoopFinished() async throws {
        try await withSimServer { url, _ in
            let run = try LoadRun(settings: try settings(url, loops: 3, prompts: 1000, osl: 16, warmups: 0))
            async let outcome = run.run()
            try await waitUntil("6 requests finishing", every: .milliseconds(5)) { try await run.progress().finished >= 6 }
            let progress = try await run.progress()
            #expect(progress.total == 1000 && progress.clientCPUSeconds > 0)
            run.stop(graceSeconds: 0)
            let result = try await outcome
            let indices = result.requests.map(\.record.index)
            #expect(indices.count >= 6 && indices.count < 1000 && Set(indices).count == indices.count)
            #expect(result.requests.allSatisfy { $0.record.succeeded }, "cut requests are left out, not failed")
            #expect(result.interrupted <= 6)
        }
    }

    @Test func faultsOnEveryLoopAreCountedOnce() async throws {
        var cases: [(FaultOptions, RequestError.Kind, Double)] = []
        var cut = FaultOptions(); cut.disconnectRate = 1; cases.append((cut, .connection, 60))
        var broken = FaultOptions(); broken.malformedRate = 1; cases.append((broken, .malformed, 60))
        var stall = FaultOptions(); stall.stallMilliseconds = 2000; cases.append((stall, .timeout, 0.5))
        for (faults, kind, timeout) in cases {
            var options = ServerOptions()
            options.faults = faults
            options.loops = 3
            try await withSimServer(options) { url, _ in
                let outcome = try await LoadRun(settings: try settings(url, loops: 3, prompts: 9, osl: 16, timeout: timeout, warmups: 0)).run()
                let metrics = PointMetrics(records: outcome.requests.map(\.record))
                #expect(outcome.requests.map(\.record.index) == Array(0..<9), "\(kind)")
                #expect(metrics.failed == 9 && metrics.failuresByKind[kind] == 9, "\(kind): \(metrics.failuresByKind)")
            }
        }
    }

    @Test func hostileServerOnEveryLoop() async throws {
        let server = try await HostileServer(HostileServerTests.sse, repeating: HostileServerTests.token)
        let settings = LoadSettings(
            target: try LoadTarget(url: "http://127.0.0.1:\(server.port)", endpoint: .completions),
            workload: Workload(endpoint: .completions, model: "m", inputLength: 4, outputLength: 4, seed: 1),
            maxConcurrency: 4, length: .prompts(8), timeoutSeconds: 30, loops: 4)
        let outcome = try await LoadRun(settings: settings).run()
        try await server.stop()
        #expect(outcome.requests.map(\.record.index) == Array(0..<8))
        #expect(outcome.requests.allSatisfy { $0.record.error?.kind == .limit })
    }

    /// `bench serve-sim --loops 3`: events written by the connections' own loops, each still
    /// stamped and logged once, and the emission lag counted for every one.
    @Test func serverLoopsKeepTruthLogAndEmitTimes() async throws {
        try await withTemporaryDirectory("loops-truth") { folder in
            let truthPath = folder.appendingPathComponent("truth.jsonl").path
            var options = ServerOptions()
            options.truthLogPath = truthPath
            options.emitTimestamps = true
            options.loops = 3
            var outcome: LoadOutcome?
            try await withSimServer(options) { url, server in
                let run = try await LoadRun(settings: try settings(url, loops: 2, prompts: 12, osl: 10, warmups: 0)).run()
                outcome = run
                let events = run.requests.reduce(0) { $0 + $1.record.events.count }
                // Each loop reports its writes back to the engine's loop just after making them.
                try await waitUntil("one lag per event written") { try await server.emitLag().total == events }
            }
            struct Truth: Decodable { var writtenTimes: [Int64]; var tokenTimes: [Int64] }
            let truths = try String(contentsOfFile: truthPath, encoding: .utf8).split(separator: "\n")
                .map { try JSONDecoder().decode(Truth.self, from: Data($0.utf8)) }
            #expect(truths.count == 12 && truths.allSatisfy { $0.writtenTimes.count == $0.tokenTimes.count && $0.tokenTimes.count >= 5 })
            let requests = try #require(outcome).requests
            #expect(requests.count == 12 && requests.allSatisfy { $0.record.succeeded && $0.serverEmitTimes?.count == $0.record.events.count })
            for request in requests {
                #expect(zip(request.record.events, request.serverEmitTimes ?? []).allSatisfy { $0.time >= $1 }, "received after written")
            }
        }
    }
}
