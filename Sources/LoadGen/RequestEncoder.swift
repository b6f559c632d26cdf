import Foundation
import NIOCore

/// Writes a planned request as raw HTTP/1.1 bytes: the JSON body first (to learn its length),
/// then the head in front of it. Built before the request's start is stamped, so encoding is not
/// counted as latency.
struct RequestEncoder: Sendable {
    let target: LoadTarget
    let workload: Workload
    /// `Authorization: Bearer …` value, read from the environment by the caller; never logged.
    let apiKey: String?

    func encode(_ request: PlannedRequest, allocator: ByteBufferAllocator) -> ByteBuffer {
        var body = allocator.buffer(capacity: 256 + request.promptTokens * 6)
        body.writeStaticString("{\"model\":")
        JSONText.write(workload.model, into: &body)
        switch request.prompt {
        case .tokenIDs(let ids):
            body.writeStaticString(",\"prompt\":[")
            for (position, id) in ids.enumerated() {
                if position > 0 { body.writeStaticString(",") }
                body.writeString(String(id))
            }
            body.writeStaticString("]")
        case .text(let text):
            body.writeStaticString(",\"messages\":[{\"role\":\"user\",\"content\":")
            JSONText.write(text, into: &body)
            body.writeStaticString("}]")
            body.writeString(",\"max_completion_tokens\":\(request.outputTokens)")
        }
        body.writeString(",\"max_tokens\":\(request.outputTokens),\"min_tokens\":\(request.outputTokens)")
        body.writeStaticString(",\"ignore_eos\":true,\"temperature\":0,\"stream\":true,\"stream_options\":{\"include_usage\":true}}")

        var head = allocator.buffer(capacity: 256 + body.readableBytes)
        head.writeString("POST \(target.path) HTTP/1.1\r\nHost: \(target.hostHeader)\r\n")
        head.writeStaticString("User-Agent: bench-load\r\nAccept: text/event-stream\r\nContent-Type: application/json\r\n")
        if let apiKey { head.writeString("Authorization: Bearer \(apiKey)\r\n") }
        head.writeString("Content-Length: \(body.readableBytes)\r\n\r\n")
        head.writeBuffer(&body)
        return head
    }
}

enum JSONText {
    /// A JSON string literal (Foundation's encoder does the escaping; once per request, before its start is stamped).
    static func write(_ text: String, into buffer: inout ByteBuffer) {
        let literal: Data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        buffer.writeBytes(literal)
    }
}
