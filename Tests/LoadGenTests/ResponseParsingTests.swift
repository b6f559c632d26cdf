import Testing

@testable import LoadGen

/// Feeds `text` to a parser and scanner in pieces of `split` bytes; returns the events and whether the response ended.
private func parse(_ text: String, split: Int) throws -> (status: Int?, keepAlive: Bool?, events: [StreamEvent], ended: Bool) {
    var parser = HTTPResponseParser()
    var scanner = SSEScanner()
    var events: [StreamEvent] = []
    var ended = false
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count, !ended {
        let piece = Array(bytes[offset..<min(offset + split, bytes.count)])
        offset += piece.count
        ended = try piece.withUnsafeBytes { raw in
            try parser.feed(raw) { body, _ in
                scanner.feed(body, time: Int64(offset)) { line, _ in
                    let event = StreamEvent(line: line)
                    if event.kind != .ignored { events.append(event) }
                }
            }
        }
    }
    return (parser.head?.status, parser.head?.keepAlive, events, ended)
}

private func chunked(_ parts: [String]) -> String {
    parts.map { String($0.utf8.count, radix: 16) + "\r\n" + $0 + "\r\n" }.joined() + "0\r\n\r\n"
}

@Suite struct ResponseParsingTests {
    let stream = chunked([
        "data: {\"id\":\"a\",\"choices\":[{\"index\":0,\"text\":\" the\",\"finish_reason\":null}],\"bench_emit_ns\":123}\n\n",
        "data: {\"id\":\"a\",\"choices\":[{\"index\":0,\"text\":\"\",\"finish_reason\":\"length\"}]}\n\ndata: {\"id\":\"a\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7,\"total_tokens\":19}}\n\n",
        "data: [DONE]\n\n",
    ])

    @Test func chunkedSSEParsesIdenticallyAtEverySplit() throws {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
        let whole = try parse(head + stream, split: 100_000)
        #expect(whole.status == 200 && whole.keepAlive == true && whole.ended)
        #expect(whole.events.map(\.kind) == [.data, .data, .data, .done])
        #expect(whole.events.map(\.carriesTokens) == [true, false, false, false])
        #expect(whole.events[0].serverEmitTime == 123)
        #expect(whole.events[2].promptTokens == 12 && whole.events[2].completionTokens == 7)
        for split in 1...40 {
            let pieces = try parse(head + stream, split: split)
            #expect(pieces.events == whole.events && pieces.ended, "split \(split)")
        }
    }

    @Test func chatDeltasSpacesAndReasoningCount() {
        func event(_ json: String) -> StreamEvent { Array(("data: " + json).utf8).withUnsafeBytes { StreamEvent(line: $0) } }
        #expect(!event(#"{"choices":[{"delta":{"role":"assistant","content":""}}]}"#).carriesTokens)
        #expect(event(#"{"choices": [{"delta": {"content": "Hi"}}]}"#).carriesTokens)
        #expect(event(#"{"choices":[{"delta":{"reasoning_content":"hm"}}]}"#).carriesTokens)
        #expect(!event(#"{"choices":[{"delta":{"content":null}}],"usage":null}"#).carriesTokens)
        #expect(event(#"{"choices":[],"usage": {"prompt_tokens": 5, "completion_tokens": 9}}"#).completionTokens == 9)
        #expect(event(#"{"choices":[{"text":"say \"text\":\"x\""}]}"#).carriesTokens)
        #expect(event(#"{"id":"broken","choices":[{"text":"#).kind == .malformed)
        #expect(event(#"{"a":1}{"b":2}"#).kind == .malformed)
        #expect(event(#"{"error": {"message": "boom"}}"#).kind == .error)
        #expect(event(#"{"error": {"message": "boom"}}"#).errorText == #"{"error": {"message": "boom"}}"#, "the message reaches the request's error")
        #expect(event("[DONE]").kind == .done)
    }

    @Test func contentLengthAndCloseDelimitedBodies() throws {
        let body = #"{"error":{"message":"no"}}"#
        let fixed = try parse("HTTP/1.1 400 Bad Request\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body, split: 7)
        #expect(fixed.status == 400 && fixed.keepAlive == false && fixed.ended)
        let open = try parse("HTTP/1.1 200 OK\r\n\r\ndata: {\"choices\":[{\"text\":\"a\"}]}\n", split: 5)
        #expect(open.status == 200 && !open.ended && open.events.count == 1)
    }

    /// Heads are split into lines as bytes: LF or CRLF ends a line, header-less lines are
    /// skipped. The fuzzer's head of 4,290 "c" lines took 44 ms (release) when every LF sliced
    /// the growing head; `bench perf fuzz --target http-response --replay FILE` times it now.
    @Test func aHeadOfThousandsOfBareLinesParsesWithItsHeaders() throws {
        let head =
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n" + String(repeating: "c\n", count: 4290)
            + "Content-Length: 2\r\nConnection: close\r\n\r\nok"
        for split in [1, 7, 100_000] {
            let parsed = try parse(head, split: split)
            #expect(parsed.status == 200 && parsed.keepAlive == false && parsed.ended)
        }
    }

    @Test func badFramingIsAnError() {
        #expect(throws: HTTPResponseParser.Failure.self) { try parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", split: 3) }
        #expect(throws: HTTPResponseParser.Failure.self) { try parse("SSH-2.0-OpenSSH\r\n\r\n", split: 64) }
    }
}
