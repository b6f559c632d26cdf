import LoadGen
import SimEngine
import SimServer

/// `bench perf client`'s measurement: LoadGen's client against the simulated engine with
/// `--emit-timestamps`, in one process (server on its event loops, client on its own), or
/// against such a server at `url` in another process.
public enum ClientAccuracy {
    /// One closed-loop run of `seconds` per client loop count and concurrency; `each` gets the
    /// figures as they come.
    public static func measure(
        config: SimConfig, concurrencies: [Int], loops: [Int], seconds: Double, isl: Int, osl: Int, url: String?, serverLoops: Int,
        each: (ClientFigures) -> Void
    ) async throws {
        try FileDescriptors.raiseLimit(toAtLeast: 2 * (concurrencies.max() ?? 1) + 256)
        var options = ServerOptions()
        options.emitTimestamps = true
        options.loops = serverLoops
        let server = url == nil ? try await SimServer.start(cluster: try SimCluster(config: config, seed: 1), options: options) : nil
        let target = try LoadTarget(url: url ?? "http://127.0.0.1:\(server?.port ?? 0)", endpoint: .completions)
        for clientLoops in loops {
            for concurrency in concurrencies {
                let settings = LoadSettings(
                    target: target,
                    workload: Workload(endpoint: .completions, model: config.model.name, inputLength: isl, outputLength: osl, seed: 1),
                    maxConcurrency: concurrency, length: .duration(seconds), warmups: 0, timeoutSeconds: 600, loops: clientLoops)
                let lagBefore = try await server?.emitLag()
                let outcome = try await LoadRun(settings: settings).run()
                let lag = try await server?.emitLag().since(lagBefore ?? EmitLag())
                each(ClientFigures(outcome: outcome, concurrency: concurrency, lag: lag))
            }
        }
        try await server?.drainAndStop()
    }
}
