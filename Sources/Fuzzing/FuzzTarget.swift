import Foundation
import LoadGen
import Matrix
import SimServer
import Store

/// A parser bench feeds with outside input, with the valid inputs its mutations start from.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case sse, httpResponse = "http-response", completionRequest = "completion-request", tokenPrompt = "token-prompt", matrix
    case resultFile = "result-file", shardDatabase = "shard-db"

    /// The target's seeds and parser. `shard-db` builds its seed databases in a temporary folder
    /// that lives as long as the harness.
    func harness() throws -> FuzzHarness {
        if self == .shardDatabase {
            let merge = try ShardMergeHarness()
            return FuzzHarness(seeds: merge.seeds, parse: merge.merge)
        }
        return FuzzHarness(seeds: textSeeds.map { Array($0.utf8) }, parse: parse)
    }

    private var textSeeds: [String] {
        switch self {
        case .sse:
            [
                "data: {\"choices\":[{\"text\":\" the\",\"index\":0}],\"bench_emit_ns\":123456789}\n\n",
                "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":12}}\n\ndata: [DONE]\n\n",
                "data: {\"choices\":[{\"delta\":{\"content\":\"a\",\"reasoning_content\":\"b\"}}]}\r\n\r\n: ping\n\n",
                "data: {\"error\":{\"message\":\"boom\",\"code\":500}}\n\n",
            ]
        case .httpResponse:
            [
                "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n1e\r\ndata: {\"choices\":[{\"text\":\"a\"}]}\n\r\n0\r\n\r\n",
                "HTTP/1.1 400 Bad Request\r\ncontent-length: 28\r\nconnection: close\r\n\r\n{\"error\":{\"message\":\"bad\"}}",
                "HTTP/1.0 200 OK\r\n\r\ndata: {\"choices\":[{\"text\":\"a\"}]}\n\ndata: [DONE]\n\n",
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n",
            ]
        case .completionRequest:
            [
                "{\"model\":\"m\",\"prompt\":[1,2,3],\"max_tokens\":16,\"min_tokens\":16,\"ignore_eos\":true,\"stream\":true,\"stream_options\":{\"include_usage\":true}}",
                "{\"model\":\"m\",\"prompt\":\"hello world\",\"max_tokens\":8,\"temperature\":0.7,\"n\":1}",
                "{\"model\":\"m\",\"prompt\":[[1,2]],\"max_completion_tokens\":4}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}],\"max_tokens\":3}",
            ]
        case .tokenPrompt:
            ["{\"model\":\"m\",\"prompt\":[1, 2, 3 ,4],\"max_tokens\":2}", "{\"prompt\":[127999,0,5]}", "{\"a\":{\"prompt\":[1]},\"prompt\":[9]}"]
        case .matrix:
            [
                """
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
                "base: &b\n  tp: 8\n  conc-list: [1, 2]\nx:\n  image: i\n  model: m\n  model-prefix: p\n  runner: h200\n  precision: fp8\n  framework: vllm\n  multinode: false\n  seq-len-configs:\n  - { isl: 8, osl: 8, search-space: [*b, *b] }\n",
            ]
        case .shardDatabase: []  // binary: ShardMergeHarness builds them
        case .resultFile:
            // One object of each layout bench ingests (vLLM ms and seconds, SGLang JSON lines, AIPerf, guidellm, InferenceX rows).
            [
                "{\"model_id\":\"m\",\"max_concurrency\":4,\"duration\":10,\"completed\":40,\"failed\":0,\"total_input_tokens\":40960,\"total_output_tokens\":4096,\"request_throughput\":4,\"output_throughput\":409.6,\"total_token_throughput\":4505.6,\"median_ttft_ms\":100,\"p99_ttft_ms\":300,\"median_tpot_ms\":10,\"median_itl_ms\":10,\"median_e2el_ms\":1100,\"bench_isl\":1024,\"bench_osl\":128,\"bench_gpus\":8}",
                "{\"model_id\":\"m\",\"max_concurrency\":16,\"duration\":200.0,\"completed\":160,\"total_input_tokens\":1638400,\"total_output_tokens\":20480,\"input_throughput\":8192.0,\"output_throughput\":102.4,\"median_ttft\":3.0,\"p99_ttft\":16.5,\"median_tpot\":0.14,\"median_e2el\":21.0}",
                "{\"max_concurrency\": 16, \"request_rate\": Infinity, \"random_input_len\": 1024, \"random_output_len\": 128, \"duration\": 50.0, \"completed\": 160, \"input_throughput\": 3276.8, \"output_throughput\": 409.6, \"median_e2e_latency_ms\": 4996.4, \"median_ttft_ms\": 168.9, \"median_tpot_ms\": 37.9}\n{\"max_concurrency\": 32, \"duration\": 80.0, \"completed\": 320, \"median_e2e_latency_ms\": 6350.0}\n",
                "{\"aiperf_version\":\"0.13.0\",\"request_count\":{\"unit\":\"requests\",\"avg\":160},\"benchmark_duration\":{\"unit\":\"sec\",\"avg\":50},\"time_to_first_token\":{\"unit\":\"ms\",\"avg\":180,\"p50\":168.9,\"p99\":412.7,\"count\":160},\"input_config\":{\"models\":{\"items\":[{\"name\":\"m\"}]},\"phases\":[{\"kind\":\"profiling\",\"concurrency\":16}],\"datasets\":[{\"prompts\":{\"isl\":{\"mean\":1024},\"osl\":{\"mean\":128}}}]}}",
                "{\"metadata\":{\"guidellm_version\":\"0.8.1\"},\"benchmarks\":[{\"duration\":50,\"config\":{\"strategy\":{\"type_\":\"concurrent\",\"streams\":16}},\"metrics\":{\"request_totals\":{\"successful\":160,\"errored\":2},\"time_to_first_token_ms\":{\"successful\":{\"count\":160,\"median\":168.9,\"mean\":180,\"percentiles\":{\"p99\":412.7}}}}}]}",
                "[{\"hw\":\"b200\",\"conc\":64,\"model\":\"m\",\"framework\":\"sglang\",\"precision\":\"fp4\",\"spec_decoding\":\"mtp\",\"disagg\":true,\"isl\":8192,\"osl\":1024,\"is_multinode\":true,\"prefill_tp\":4,\"prefill_ep\":4,\"prefill_dp_attention\":\"true\",\"prefill_num_workers\":1,\"decode_tp\":0,\"decode_ep\":0,\"decode_dp_attention\":\"true\",\"decode_num_workers\":0,\"num_prefill_gpu\":4,\"num_decode_gpu\":0,\"tput_per_gpu\":2000,\"output_tput_per_gpu\":222,\"input_tput_per_gpu\":1778,\"median_ttft\":0.8,\"median_tpot\":0.025,\"avg_power_w\":800}]",
            ]
        }
    }

    /// Runs the parser on one input; the result only keeps the work from being optimised away.
    private func parse(_ bytes: [UInt8]) -> Int {
        switch self {
        case .sse: LoadGenParsers.sse(bytes)
        case .httpResponse: LoadGenParsers.response(bytes)
        case .completionRequest: SimServerParsers.completionRequest(bytes, chat: bytes.count % 2 == 1)
        case .tokenPrompt: SimServerParsers.tokenPrompt(bytes)
        case .matrix: MatrixSet.parseForFuzzing(String(decoding: bytes, as: UTF8.self))
        case .resultFile: Self.ingest(bytes)
        case .shardDatabase: 0  // stateful: see `harness()`
        }
    }

    /// bench ingest's reading of one result file, with the flags a bare file lacks.
    private static func ingest(_ bytes: [UInt8]) -> Int {
        var flags = IngestSettings()
        (flags.hardware, flags.framework, flags.precision, flags.gpus, flags.isl, flags.osl) = ("h200", "vllm", "fp8", 8, 1024, 128)
        return (try? ResultFile.points(json: Data(bytes), path: "fuzz.json", flags: flags))?.count ?? 0
    }
}
