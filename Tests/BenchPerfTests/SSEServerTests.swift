#if canImport(Glibc)
@testable import BenchPerf
import BenchTesting
import Foundation
import LoadGen
import Testing

/// Runs an SSEServer on its own thread for `body`, then stops it and returns its figures.
private func withSSEServer(intervalMicroseconds: Int, eventsPerWrite: Int, _ body: (URL) async throws -> Void) async throws -> SSEServer.Figures {
    let server = try SSEServer(
        port: 0, intervalMicroseconds: intervalMicroseconds, eventsPerWrite: eventsPerWrite, sendBufferBytes: nil, maxStreams: 64)
    let done = AsyncStream<SSEServer.Figures>.makeStream()
    Thread { done.continuation.yield(server.serve(seconds: 60)) }.start()
    do {
        try await body(URL(string: "http://127.0.0.1:\(server.port)")!)
    } catch {
        server.stop()
        throw error
    }
    server.stop()
    var figures = done.stream.makeAsyncIterator()
    return try #require(await figures.next())
}

private func load(_ url: URL, loops: Int, prompts: Int, osl: Int) throws -> LoadSettings {
    LoadSettings(
        target: try LoadTarget(url: url.absoluteString, endpoint: .completions),
        workload: Workload(endpoint: .completions, model: "m", inputLength: 16, outputLength: osl, seed: 1),
        maxConcurrency: 4, length: .prompts(prompts), warmups: 0, timeoutSeconds: 30, loops: loops)
}

/// `bench perf sse-server`: what bench load receives from it is a whole, well-formed stream per request.
@Suite struct SSEServerTests {
    /// As fast as read and one event per send; paced, three per send (8 tokens: 3 + 3 + the last 2).
    @Test(arguments: [(0, 1), (200, 3)]) func streamsEveryTokenOverKeptAliveConnections(intervalMicroseconds: Int, eventsPerWrite: Int) async throws {
        var outcome: LoadOutcome?
        let figures = try await withSSEServer(intervalMicroseconds: intervalMicroseconds, eventsPerWrite: eventsPerWrite) { url in
            outcome = try await LoadRun(settings: try load(url, loops: 2, prompts: 12, osl: 8)).run()
        }
        let requests = try #require(outcome).requests
        #expect(requests.count == 12 && requests.allSatisfy(\.record.succeeded))
        #expect(requests.allSatisfy { $0.record.events.count == 8 && $0.serverEmitTimes?.count == 8 })
        // Emit times are CLOCK_MONOTONIC, as the client's: each event arrives after it was stamped.
        #expect(requests.allSatisfy { $0.receiveLags.allSatisfy { $0 >= 0 && $0 < 30 } })
        #expect(figures.events == 96 && figures.requests == 12 && figures.cpuSeconds > 0)
    }

    /// `bench perf client --server cheap`'s way: the built binary as a child, stopped by closing its stdin.
    @Test func servesAsAChildProcessUntilItsStdinEnds() async throws {
        let server = try SSEServerProcess(
            executable: BenchProcess.executable.path, intervalMicroseconds: 0, eventsPerWrite: 2, sendBufferBytes: nil, maxStreams: 8, seconds: 60)
        let outcome: LoadOutcome
        do {
            outcome = try await LoadRun(settings: try load(try #require(URL(string: server.url)), loops: 1, prompts: 3, osl: 5)).run()
        } catch {
            _ = server.stop()
            throw error
        }
        #expect(outcome.requests.count == 3 && outcome.requests.allSatisfy(\.record.succeeded))
        let summary = server.stop()
        #expect(summary.hasPrefix("sse-server: 15 events, 3 requests, "), "\(summary)")
        #expect(server.cpuSeconds() == nil, "the process is gone")
    }

    @Test func readsMaxTokensAndRefusesOtherRequests() {
        let body = #"{"model":"m","prompt":[1,2],"max_tokens": 37,"stream":true}"#
        let request = Array("POST /v1/completions HTTP/1.1\r\nHost: x\r\ncontent-length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
        #expect(SSERequest(request) == .stream(tokens: 37, consumed: request.count))
        #expect(SSERequest(Array(request.dropLast())) == .incomplete)
        #expect(SSERequest(Array("POST /v1/completions HTTP/1.1\r\nHost: x".utf8)) == .incomplete)
        #expect(SSERequest(Array("GET / HTTP/1.1\r\n\r\n".utf8)) == .refused("only POST /v1/completions over HTTP/1.1 is served"))
        let noTokens = Array("POST /v1/completions HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}".utf8)
        #expect(SSERequest(noTokens) == .refused("max_tokens from 1 to \(SSERequest.maxTokens) is required"))
    }

    @Test func stampsFixedWidthEmitTimesIntoEveryEvent() {
        var bytes = SSEEventBytes(eventsPerWrite: 2)
        let length = bytes.run.count
        let run = String(decoding: bytes.stampedRun(7), as: UTF8.self)
        #expect(bytes.run.count == length)
        let stamp = "\"bench_emit_ns\":7" + String(repeating: " ", count: SSEEventBytes.slotWidth - 1) + "}\n\n\r\n"
        #expect(run.components(separatedBy: stamp).count == 3, "both events stamped")
        let end = String(decoding: bytes.stampedEnd(events: 2, 123_456_789_012_345), as: UTF8.self)
        #expect(end.components(separatedBy: "\"bench_emit_ns\":123456789012345 ").count == 3)
        #expect(end.contains("\"finish_reason\":null") && end.contains("\"finish_reason\":\"length\"}],\"bench_emit_ns\":123456789012345 "))
        #expect(end.hasSuffix("data: [DONE]\n\n\r\n0\r\n\r\n"))
    }
}
#endif
