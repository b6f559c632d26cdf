import Foundation
import NIOCore

/// The JSON the server writes, built straight into ByteBuffers: one SSE event per emitted chunk
/// must cost microseconds, so no encoder, no intermediate String per event.
struct ResponseBodies {
    let endpoint: CompletionRequest.Endpoint
    let id: String
    let model: String
    let created: Int

    private var object: String { endpoint == .chat ? "chat.completion.chunk" : "text_completion" }

    /// `data: {...}\n\n` carrying `tokens` words of request `request` starting at `index`.
    func writeChunk(
        into buffer: inout ByteBuffer, request: Int, index: Int, tokens: Int, finishReason: String?,
        firstChat: Bool, timestamps: (emit: UInt64, scheduled: Int64)?
    ) {
        writeEventPrefix(into: &buffer)
        buffer.writeStaticString(",\"choices\":[{\"index\":0,")
        if endpoint == .chat {
            buffer.writeStaticString(firstChat ? "\"delta\":{\"role\":\"assistant\",\"content\":\"" : "\"delta\":{\"content\":\"")
        } else {
            buffer.writeStaticString("\"text\":\"")
        }
        for offset in 0..<tokens { buffer.writeString(PromptTokens.outputWord(request: request, index: index + offset)) }
        buffer.writeStaticString(endpoint == .chat ? "\"},\"logprobs\":null,\"finish_reason\":" : "\",\"logprobs\":null,\"finish_reason\":")
        if let finishReason {
            buffer.writeStaticString("\"")
            buffer.writeString(finishReason)
            buffer.writeStaticString("\"}]")
        } else {
            buffer.writeStaticString("null}]")
        }
        if let timestamps {
            buffer.writeStaticString(",\"bench_emit_ns\":")
            buffer.writeString(String(timestamps.emit))
            buffer.writeStaticString(",\"bench_scheduled_ns\":")
            buffer.writeString(String(timestamps.scheduled))
        }
        buffer.writeStaticString("}\n\n")
    }

    /// `data: {"id":…,"object":…,"created":…,"model":…` shared by every event.
    private func writeEventPrefix(into buffer: inout ByteBuffer) {
        buffer.writeStaticString("data: {\"id\":\"")
        buffer.writeString(id)
        buffer.writeStaticString("\",\"object\":\"")
        buffer.writeString(object)
        buffer.writeStaticString("\",\"created\":")
        buffer.writeString(String(created))
        buffer.writeStaticString(",\"model\":")
        Self.writeJSONString(model, into: &buffer)
    }

    func writeUsageChunk(into buffer: inout ByteBuffer, promptTokens: Int, completionTokens: Int) {
        writeEventPrefix(into: &buffer)
        buffer.writeStaticString(",\"choices\":[],\"usage\":")
        writeUsage(into: &buffer, promptTokens: promptTokens, completionTokens: completionTokens)
        buffer.writeStaticString("}\n\n")
    }

    /// The whole non-streamed response.
    func writeComplete(into buffer: inout ByteBuffer, request: Int, tokens: Int, finishReason: String, promptTokens: Int) {
        buffer.writeStaticString("{\"id\":\"")
        buffer.writeString(id)
        buffer.writeStaticString(
            endpoint == .chat ? "\",\"object\":\"chat.completion\",\"created\":" : "\",\"object\":\"text_completion\",\"created\":")
        buffer.writeString(String(created))
        buffer.writeStaticString(",\"model\":")
        Self.writeJSONString(model, into: &buffer)
        buffer.writeStaticString(
            endpoint == .chat
                ? ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" : ",\"choices\":[{\"index\":0,\"text\":\"")
        for index in 0..<tokens { buffer.writeString(PromptTokens.outputWord(request: request, index: index)) }
        buffer.writeStaticString(endpoint == .chat ? "\"},\"logprobs\":null,\"finish_reason\":\"" : "\",\"logprobs\":null,\"finish_reason\":\"")
        buffer.writeString(finishReason)
        buffer.writeStaticString("\"}],\"usage\":")
        writeUsage(into: &buffer, promptTokens: promptTokens, completionTokens: tokens)
        buffer.writeStaticString("}")
    }

    private func writeUsage(into buffer: inout ByteBuffer, promptTokens: Int, completionTokens: Int) {
        buffer.writeString(
            "{\"prompt_tokens\":\(promptTokens),\"completion_tokens\":\(completionTokens),\"total_tokens\":\(promptTokens + completionTokens)}")
    }

    static func writeJSONString(_ text: String, into buffer: inout ByteBuffer) {
        buffer.writeStaticString("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": buffer.writeStaticString("\\\"")
            case "\\": buffer.writeStaticString("\\\\")
            case "\n": buffer.writeStaticString("\\n")
            case "\r": buffer.writeStaticString("\\r")
            case "\t": buffer.writeStaticString("\\t")
            default:
                if scalar.value < 0x20 {
                    buffer.writeString(String(format: "\\u%04x", scalar.value))
                } else {
                    buffer.writeString(String(scalar))
                }
            }
        }
        buffer.writeStaticString("\"")
    }

    static func error(_ error: APIError, allocator: ByteBufferAllocator) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 256)
        buffer.writeStaticString("{\"error\":{\"message\":")
        writeJSONString(error.message, into: &buffer)
        buffer.writeStaticString(",\"type\":")
        writeJSONString(error.type, into: &buffer)
        buffer.writeStaticString(",\"param\":")
        if let param = error.param { writeJSONString(param, into: &buffer) } else { buffer.writeStaticString("null") }
        buffer.writeStaticString(",\"code\":")
        if let code = error.code { writeJSONString(code, into: &buffer) } else { buffer.writeString(String(error.status)) }
        buffer.writeStaticString("}}")
        return buffer
    }
}
