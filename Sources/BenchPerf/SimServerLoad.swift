import Foundation
import LoadGen
import SimEngine
import SimServer

/// `bench perf sim-server`'s measurement: the real-time server on its event loops, loaded in
/// this process by LoadGen's client (closed loop, one keep-alive stream per slot) on its own.
public enum SimServerLoad {
    public struct Figures: Sendable {
        public var elapsedSeconds: Double
        public var completed: Int
        public var failed: Int
        /// Token events written by the server per second over the window.
        public var writtenPerSecond: Double
        /// Token events the client received per second over the window.
        public var receivedPerSecond: Double
        /// Client event-loop CPU (all its loops) per event received, seconds.
        public var clientCPUPerEvent: Double
        /// Actual − scheduled emit times over the window.
        public var lag: EmitLag
    }

    /// Warms up for `warmupSeconds` (every stream started, prefill done), then measures `seconds`.
    public static func measure(
        config: SimConfig, streams: Int, osl: Int, warmupSeconds: Double, seconds: Double, serverLoops: Int = 1, clientLoops: Int = 1
    ) async throws -> Figures {
        try FileDescriptors.raiseLimit(toAtLeast: 2 * streams + 256)
        var options = ServerOptions()
        options.loops = serverLoops
        let server = try await SimServer.start(cluster: try SimCluster(config: config, seed: 1), options: options)
        // A short prompt: the server's token events, not prefill, are what is measured.
        let settings = LoadSettings(
            target: try LoadTarget(url: "http://127.0.0.1:\(server.port)", endpoint: .completions),
            workload: Workload(endpoint: .completions, model: config.model.name, inputLength: 8, outputLength: osl, seed: 1),
            maxConcurrency: streams, length: .duration(warmupSeconds + seconds + 1), timeoutSeconds: 600, loops: clientLoops)
        let run = try LoadRun(settings: settings)
        let outcome = Task { try await run.run() }

        try await Task.sleep(for: .seconds(warmupSeconds))
        let clock = ContinuousClock()
        let start = clock.now
        let (before, lagBefore) = (try await run.progress(), try await server.emitLag())
        try await Task.sleep(for: .seconds(seconds))
        let (after, lagAfter) = (try await run.progress(), try await server.emitLag())
        let elapsed = (clock.now - start) / .seconds(1)
        // Streams still running are cut: only the window counts.
        run.stop(graceSeconds: 0)
        _ = try await outcome.value
        try await server.drainAndStop()

        let events = after.outputTokens - before.outputTokens
        return Figures(
            elapsedSeconds: elapsed, completed: after.finished - before.finished, failed: after.failed,
            writtenPerSecond: Double(lagAfter.since(lagBefore).total) / elapsed, receivedPerSecond: Double(events) / elapsed,
            clientCPUPerEvent: (after.clientCPUSeconds - before.clientCPUSeconds) / Double(max(1, events)),
            lag: lagAfter.since(lagBefore))
    }
}
