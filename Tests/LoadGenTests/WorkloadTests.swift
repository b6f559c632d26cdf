import Foundation
import NIOCore
import Testing

@testable import LoadGen

@Suite struct WorkloadTests {
    @Test func rangeRatioLengthsStayInBoundsAndRepeat() {
        let workload = Workload(endpoint: .completions, model: "m", inputLength: 1000, outputLength: 200, rangeRatio: 0.8, seed: 7)
        let requests = (0..<500).map { workload.request($0) }
        #expect(requests.allSatisfy { (800...1000).contains($0.promptTokens) && (160...200).contains($0.outputTokens) })
        #expect(requests.allSatisfy { if case .tokenIDs(let ids) = $0.prompt { ids.count == $0.promptTokens } else { false } })
        #expect(Set(requests.map(\.promptTokens)).count > 100, "lengths spread over the range")
        #expect((0..<500).map { workload.request($0) } == requests, "same seed, same requests")
        var other = workload
        other.seed = 8
        #expect(other.request(0) != requests[0])
        #expect(workload.request(0, warmup: true) != requests[0], "warmups draw their own prompts")
    }

    /// A model with an 8,000-token vocabulary rejects ids above it (real vLLM: "Token id 30956 is
    /// out of vocabulary"); with its size given, every id stays inside it.
    @Test func promptIDsStayInsideASmallVocabulary() {
        let small = Workload(endpoint: .completions, model: "m", inputLength: 512, outputLength: 8, seed: 3, vocabularySize: 8000)
        let defaults = Workload(endpoint: .completions, model: "m", inputLength: 512, outputLength: 8, seed: 3)
        func ids(_ workload: Workload) -> [Int] {
            (0..<20).flatMap { index -> [Int] in if case .tokenIDs(let ids) = workload.request(index).prompt { ids } else { [] } }
        }
        #expect(ids(small).allSatisfy { (800..<8000).contains($0) })
        #expect(ids(small).contains { $0 > 7000 }, "the range is used to its top")
        #expect(ids(defaults).allSatisfy { (1000..<31000).contains($0) })
        #expect(ids(defaults).contains { $0 >= 8000 })
    }

    @Test func fixedLengthsWithRatioOne() {
        let workload = Workload(endpoint: .chat, model: "m", inputLength: 64, outputLength: 8, rangeRatio: 1, seed: 1)
        let request = workload.request(3)
        #expect(request.promptTokens == 64 && request.outputTokens == 8)
        guard case .text(let text) = request.prompt else { Issue.record("chat prompts are text"); return }
        #expect(text.split(separator: " ").count == 64 - Workload.chatTemplateTokens)
    }

    @Test func poissonArrivalsHaveTheRequestedRate() {
        for burstiness in [1.0, 0.5, 4.0] {
            let offsets = Array(Arrivals(rate: 20, burstiness: burstiness).offsets(count: 20_000, seed: 3))
            let rate = Double(offsets.count - 1) / offsets.last!
            #expect(abs(rate - 20) / 20 < 0.05, "burstiness \(burstiness): rate \(rate)")
            #expect(zip(offsets, offsets.dropFirst()).allSatisfy { $0 <= $1 })
        }
        #expect(Array(Arrivals(rate: nil).offsets(count: 3, seed: 0)) == [0, 0, 0])
    }

    @Test func targetPaths() throws {
        #expect(try LoadTarget(url: "http://127.0.0.1:8000", endpoint: .completions).path == "/v1/completions")
        #expect(try LoadTarget(url: "http://h:1/v1/", endpoint: .chat).path == "/v1/chat/completions")
        #expect(try LoadTarget(url: "https://api.example.com/custom/gen", endpoint: .chat).port == 443)
        #expect(throws: LoadError.self) { try LoadTarget(url: "127.0.0.1:8000", endpoint: .chat) }
    }
}

@Suite struct RequestEncoderTests {
    @Test func requestsCarryTheForcedLengthUsageOptionAndKey() throws {
        let workload = Workload(endpoint: .chat, model: "org/model \"x\"", inputLength: 16, outputLength: 5, seed: 2)
        let encoder = RequestEncoder(target: try LoadTarget(url: "http://127.0.0.1:8000", endpoint: .chat), workload: workload, apiKey: "k-123")
        let bytes = encoder.encode(workload.request(0), allocator: .init())
        let text = String(buffer: bytes)
        let parts = text.components(separatedBy: "\r\n\r\n")
        #expect(parts[0].hasPrefix("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n"))
        #expect(parts[0].contains("Authorization: Bearer k-123"))
        #expect(parts[0].contains("Content-Length: \(parts[1].utf8.count)"))
        let body = try #require(try JSONSerialization.jsonObject(with: Data(parts[1].utf8)) as? [String: Any])
        #expect(body["model"] as? String == "org/model \"x\"")
        #expect(body["max_tokens"] as? Int == 5 && body["min_tokens"] as? Int == 5 && body["ignore_eos"] as? Bool == true)
        #expect((body["stream_options"] as? [String: Any])?["include_usage"] as? Bool == true)
    }
}
