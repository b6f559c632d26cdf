import LoadGen
import SimEngine
import SimServer

/// `bench perf client`'s measurement: LoadGen's client against the simulated engine with
/// `--emit-timestamps`, in one process (server on one event loop, client on another).
public enum ClientAccuracy {
    /// One closed-loop run of `seconds` per concurrency; `each` gets the figures as they come.
    public static func measure(
        config: SimConfig, concurrencies: [Int], seconds: Double, isl: Int, osl: Int,
        each: (ClientFigures) -> Void
    ) async throws {
        try FileDescriptors.raiseLimit(toAtLeast: 2 * (concurrencies.max() ?? 1) + 256)
        var options = ServerOptions()
        options.emitTimestamps = true
        let server = try await SimServer.start(cluster: try SimCluster(config: config, seed: 1), options: options)
        for concurrency in concurrencies {
            let settings = LoadSettings(
                target: try LoadTarget(url: "http://127.0.0.1:\(server.port)", endpoint: .completions),
                workload: Workload(endpoint: .completions, model: config.model.name, inputLength: isl, outputLength: osl, seed: 1),
                maxConcurrency: concurrency, length: .duration(seconds), warmups: 0, timeoutSeconds: 600)
            each(ClientFigures(outcome: try await LoadRun(settings: settings).run(), concurrency: concurrency))
        }
        try await server.drainAndStop()
    }
}
