import BenchTesting
import LoadGen
import Metrics
import Testing

/// The request timeout covers connecting: a server that never completes the handshake costs
/// one timeout per request, not NIO's own connect timeout or a hang.
@Suite struct ConnectHangTests {
    @Test func aConnectThatNeverCompletesIsATimeoutOfThatRequest() async throws {
        let listener = try SilentListener()
        let settings = LoadSettings(
            target: try LoadTarget(url: "http://127.0.0.1:\(listener.port)", endpoint: .completions),
            workload: Workload(endpoint: .completions, model: "m", inputLength: 4, outputLength: 4, seed: 1),
            maxConcurrency: 1, length: .prompts(1), timeoutSeconds: 0.5)
        let outcome = try await LoadRun(settings: settings).run()
        let error = try #require(outcome.requests.first?.record.error)
        #expect(error.kind == .timeout && error.message.contains("still connecting"), "\(error)")
        withExtendedLifetime(listener) {}
    }
}
