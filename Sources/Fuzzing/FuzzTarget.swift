import LoadGen
import Matrix
import SimServer

/// A parser bench feeds with outside input, with the valid inputs its mutations start from.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case sse, httpResponse = "http-response", completionRequest = "completion-request", tokenPrompt = "token-prompt", matrix

    var seeds: [String] {
        switch self {
        case .sse:
            ["data: {\"choices\":[{\"text\":\" the\",\"index\":0}],\"bench_emit_ns\":123456789}\n\n",
             "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":12}}\n\ndata: [DONE]\n\n",
             "data: {\"choices\":[{\"delta\":{\"content\":\"a\",\"reasoning_content\":\"b\"}}]}\r\n\r\n: ping\n\n",
             "data: {\"error\":{\"message\":\"boom\",\"code\":500}}\n\n"]
        case .httpResponse:
            ["HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n1e\r\ndata: {\"choices\":[{\"text\":\"a\"}]}\n\r\n0\r\n\r\n",
             "HTTP/1.1 400 Bad Request\r\ncontent-length: 28\r\nconnection: close\r\n\r\n{\"error\":{\"message\":\"bad\"}}",
             "HTTP/1.0 200 OK\r\n\r\ndata: {\"choices\":[{\"text\":\"a\"}]}\n\ndata: [DONE]\n\n",
             "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"]
        case .completionRequest:
            ["{\"model\":\"m\",\"prompt\":[1,2,3],\"max_tokens\":16,\"min_tokens\":16,\"ignore_eos\":true,\"stream\":true,\"stream_options\":{\"include_usage\":true}}",
             "{\"model\":\"m\",\"prompt\":\"hello world\",\"max_tokens\":8,\"temperature\":0.7,\"n\":1}",
             "{\"model\":\"m\",\"prompt\":[[1,2]],\"max_completion_tokens\":4}",
             "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}],\"max_tokens\":3}"]
        case .tokenPrompt:
            ["{\"model\":\"m\",\"prompt\":[1, 2, 3 ,4],\"max_tokens\":2}", "{\"prompt\":[127999,0,5]}", "{\"a\":{\"prompt\":[1]},\"prompt\":[9]}"]
        case .matrix:
            ["""
            dsr1-fp8-h200-sglang:
              image: lmsysorg/sglang:v0.5.9
              model: deepseek-ai/DeepSeek-R1-0528
              model-prefix: dsr1
              runner: h200
              precision: fp8
              framework: sglang
              multinode: false
              seq-len-configs:
              - isl: 1024
                osl: 1024
                search-space:
                - { tp: 8, conc-start: 4, conc-end: 64 }
                - { tp: 4, ep: 4, dp-attn: true, conc-list: [1, 2, 3] }
            """,
             "base: &b\n  tp: 8\n  conc-list: [1, 2]\nx:\n  image: i\n  model: m\n  model-prefix: p\n  runner: h200\n  precision: fp8\n  framework: vllm\n  multinode: false\n  seq-len-configs:\n  - { isl: 8, osl: 8, search-space: [*b, *b] }\n"]
        }
    }

    /// Runs the parser on one input; the result only keeps the work from being optimised away.
    func parse(_ bytes: [UInt8]) -> Int {
        switch self {
        case .sse: LoadGenParsers.sse(bytes)
        case .httpResponse: LoadGenParsers.response(bytes)
        case .completionRequest: SimServerParsers.completionRequest(bytes, chat: bytes.count % 2 == 1)
        case .tokenPrompt: SimServerParsers.tokenPrompt(bytes)
        case .matrix: MatrixSet.parseForFuzzing(String(decoding: bytes, as: UTF8.self))
        }
    }
}
