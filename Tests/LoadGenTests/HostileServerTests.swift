import BenchTesting
import Foundation
import LoadGen
import Metrics
import Testing

/// The load generator against servers that lie or flood: every case is one counted failure of
/// its kind, never a trap, and never memory that grows with what the server sends.
@Suite struct HostileServerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var prefix: String
        var repeating = ""
        var kind: RequestError.Kind
        var message: String
        var testDescription: String { name }
    }

    static let sse = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\r\n"
    static let token = "data: {\"choices\":[{\"text\":\" a\"}]}\n\n"

    static let cases: [Case] = [
        Case(
            name: "an emit time of 20 digits",
            prefix: sse + "data: {\"choices\":[{\"text\":\" a\"}],\"bench_emit_ns\":99999999999999999999}\n\ndata: [DONE]\n\n",
            kind: .malformed, message: "bench_emit_ns is beyond 2^53"),
        Case(
            name: "a usage count of 2^53",
            prefix: sse + token + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":9007199254740992}}\n\ndata: [DONE]\n\n",
            kind: .malformed, message: "usage.completion_tokens 9007199254740992 is more than the 4 requested"),
        Case(
            name: "an SSE line that never ends", prefix: sse + "data: {\"choices\":[{\"text\":\"", repeating: String(repeating: "a", count: 1 << 16),
            kind: .limit, message: "an SSE line over 1048576 bytes"),
        Case(
            name: "a response head that never ends", prefix: "HTTP/1.1 200 OK\r\n", repeating: "x-pad: 0123456789abcdef\r\n",
            kind: .limit, message: "a response head over 65536 bytes"),
        Case(name: "token events without end", prefix: sse, repeating: token, kind: .limit, message: "more than 68 token events for max_tokens 4"),
        Case(
            name: "an error event with escape sequences",
            prefix: sse + "data: {\"error\":{\"message\":\"\u{1B}[2J\u{1B}]0;owned\u{07}\u{9B}31m\"}}\n\ndata: [DONE]\n\n",
            kind: .http, message: "the server sent an error event in the stream"),
    ]

    @Test(arguments: cases)
    func isOneCountedFailureOfItsKind(_ hostile: Case) async throws {
        let server = try await HostileServer(hostile.prefix, repeating: hostile.repeating)
        let settings = LoadSettings(
            target: try LoadTarget(url: "http://127.0.0.1:\(server.port)", endpoint: .completions),
            workload: Workload(endpoint: .completions, model: "m", inputLength: 4, outputLength: 4, seed: 1),
            maxConcurrency: 1, length: .prompts(2), timeoutSeconds: 30)
        let outcome = try await LoadRun(settings: settings).run()
        try await server.stop()
        #expect(outcome.requests.count == 2)
        for request in outcome.requests {
            let error = try #require(request.record.error)
            #expect(error.kind == hostile.kind && error.message.contains(hostile.message), "\(error)")
            #expect(!error.message.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
    }
}
