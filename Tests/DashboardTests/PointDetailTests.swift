import Engines
import Foundation
import Metrics
import Testing

@testable import Dashboard

@Suite struct PointDetailTests {
    /// Request i is sent at i ms and streams `tokens` tokens 10 ms apart after a 50 ms first token; request 3 fails.
    static func records(tokens: Int = 5) -> [RequestRecord] {
        (0..<4).map { index in
            let start = Int64(index) * 1_000_000
            if index == 3 {
                return RequestRecord(
                    index: index, start: start, end: start + 30_000_000, promptTokens: 8, requestedOutputTokens: tokens, events: [],
                    error: RequestError(.http, "HTTP 500 from http://u:pw@host/v1?api_key=sk-live"))
            }
            let events = (0..<tokens).map { RequestRecord.TokenEvent(time: start + 50_000_000 + Int64($0) * 10_000_000, tokens: 1) }
            return RequestRecord(
                index: index, start: start, end: events.last!.time + 1_000, promptTokens: 8, requestedOutputTokens: tokens, events: events)
        }
    }

    @Test func requestsAreColumnsFromTheFirstSendWithFailuresByKindRedacted() throws {
        let detail = PointDetail(
            id: 7, concurrency: 2, records: Self.records(), command: "HF_TOKEN=hf_secret python3 -m sglang --api-key sk-1",
            reproduce: "bench run", redact: Redaction.text)
        #expect(detail.requests.start.values == [0, 1, 2, 3])
        #expect(detail.requests.first.values == [50, 51, 52, nil])
        #expect(detail.requests.end.values == [90, 91, 92, 33])
        #expect(detail.requests.failure.names == ["http"] && detail.requests.failure.of == [-1, -1, -1, 0])
        #expect(detail.failures.count == 1 && detail.failures[0].count == 1)
        let message = try #require(detail.failures.first?.messages.first)
        #expect(!message.contains("sk-live") && !message.contains("pw"))
        let command = try #require(detail.command)
        #expect(!command.contains("hf_secret") && !command.contains("sk-1") && command.contains("sglang"))
    }

    @Test func itlBandsPoolTokenPositionsIntoAtMost48Bins() {
        let short = PointDetail.bands(PointDetailTests.records().filter(\.succeeded).map(\.interTokenLatencies))
        // Five tokens: gaps for tokens 2…5, each 10 ms in every request.
        #expect(short.upTo == [2, 3, 4, 5] && short.p50.values == [10, 10, 10, 10] && short.p90.values == [10, 10, 10, 10])
        let long = PointDetail.bands(PointDetailTests.records(tokens: 1000).filter(\.succeeded).map(\.interTokenLatencies))
        #expect(long.upTo.count <= PointDetail.bins && long.upTo.last == 1000)
    }

    @Test func theSteadyStateWindowIsWhenEverySlotWasBusy() {
        let detail = PointDetail(id: 1, concurrency: 2, records: Self.records(), command: nil, reproduce: nil, redact: { $0 })
        // Two in flight from the second send (1 ms) until the first of them ends.
        #expect(detail.steady?.values.first == 1)
    }

    @Test func theReproduceLineKeepsExactlyThisPoint() throws {
        let plan = try #require(
            ReproduceLine.Plan(json: #"{"matrixFiles":["matrices/quickstart.yaml","my dir/x.yaml"],"engine":"sim","virtual":true}"#))
        let line = ReproduceLine.text(plan: plan, config: "dsr1-fp8-h200-sglang", isl: 1024, osl: 1024, concurrency: 8)
        #expect(
            line == "bench run --matrix matrices/quickstart.yaml --matrix 'my dir/x.yaml' --virtual --filter config=dsr1-fp8-h200-sglang "
                + "--filter isl=1024 --filter osl=1024 --filter conc=8")
        #expect(ReproduceLine.Plan(json: nil) == nil && ReproduceLine.Plan(json: "{}") == nil)
    }
}
