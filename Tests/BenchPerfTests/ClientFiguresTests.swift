import Testing

@testable import BenchPerf

@Suite struct ClientFiguresTests {
    @Test func itlErrorIsEachClientGapMinusTheServersGap() {
        // Client gaps 10, 12, 8 ms; server gaps 10, 10, 10 ms.
        let client: [Int64] = [0, 10_000_000, 22_000_000, 30_000_000]
        let server: [Int64] = [5_000_000, 15_000_000, 25_000_000, 35_000_000]
        let errors = ClientFigures.itlErrors(client: client, server: server)
        #expect(errors.count == 3)
        for (error, expected) in zip(errors, [0.0, 0.002, 0.002]) { #expect(abs(error - expected) < 1e-12) }
    }

    @Test func aConstantOffsetIsNoITLError() {
        let server: [Int64] = [1, 20, 300, 4000]
        #expect(ClientFigures.itlErrors(client: server.map { $0 + 777 }, server: server) == [0, 0, 0])
    }

    @Test func noErrorsWithoutTwoMatchingEvents() {
        #expect(ClientFigures.itlErrors(client: [1], server: [1]).isEmpty)
        #expect(ClientFigures.itlErrors(client: [1, 2, 3], server: [1, 2]).isEmpty)
    }
}
