#if canImport(Glibc)
@testable import BenchPerf
import Foundation
import LoadGen
import Testing

/// Runs an SSEServer on its own thread for `body`, then stops it and returns its figures.
private func withSSEServer(intervalMicroseconds: Int = 0, _ body: (URL) async throws -> Void) async throws -> SSEServer.Figures {
    let server = try SSEServer(port: 0, intervalMicroseconds: intervalMicroseconds, sendBufferBytes: nil, maxStreams: 64)
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
    @Test(arguments: [0, 200]) func streamsEveryTokenOverKeptAliveConnections(intervalMicroseconds: Int) async throws {
        var outcome: LoadOutcome?
        let figures = try await withSSEServer(intervalMicroseconds: intervalMicroseconds) { url in
            outcome = try await LoadRun(settings: try load(url, loops: 2, prompts: 12, osl: 8)).run()
        }
        let requests = try #require(outcome).requests
        #expect(requests.count == 12 && requests.allSatisfy(\.record.succeeded))
        #expect(requests.allSatisfy { $0.record.events.count == 8 && $0.serverEmitTimes?.count == 8 })
        // Emit times are CLOCK_MONOTONIC, as the client's: each event arrives after it was stamped.
        #expect(requests.allSatisfy { $0.receiveLags.allSatisfy { $0 >= 0 && $0 < 30 } })
        #expect(figures.events == 96 && figures.requests == 12 && figures.cpuSeconds > 0)
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

    @Test func stampsFixedWidthEmitTimes() {
        var bytes = SSEEventBytes()
        let length = bytes.event.count
        bytes.stamp(7, last: false)
        bytes.stamp(123_456_789_012_345, last: true)
        #expect(bytes.event.count == length)
        let event = String(decoding: bytes.event, as: UTF8.self), last = String(decoding: bytes.lastEvent, as: UTF8.self)
        #expect(event.contains("\"bench_emit_ns\":7" + String(repeating: " ", count: SSEEventBytes.slotWidth - 1) + "}\n\n\r\n"))
        #expect(last.contains("\"finish_reason\":\"length\"}],\"bench_emit_ns\":123456789012345 "))
        #expect(last.hasSuffix("data: [DONE]\n\n\r\n0\r\n\r\n"))
    }
}
#endif
