import Catalog
import Foundation
import SimEngine
import SimServer

/// Starts the simulated engine on an ephemeral loopback port for one test, runs `body` with its
/// base URL and the server, and stops it afterwards (also when `body` throws). Takes a real-time
/// turn (`realTimeTurn`): no other timed test runs meanwhile, so `body` must not take one itself.
/// `configure` edits the deployment (a prefix cache, KV offload) before the server starts.
public func withSimServer(
    _ options: ServerOptions = ServerOptions(), hardware: String = "h200", model: String = "llama70b",
    precision: String = "fp8", tp: Int = 1, configure: (inout SimConfig) -> Void = { _ in },
    _ body: (URL, SimServer) async throws -> Void
) async throws {
    try await realTimeTurn {
        try await serving(options, hardware: hardware, model: model, precision: precision, tp: tp, configure: configure, body)
    }
}

private func serving(
    _ options: ServerOptions, hardware: String, model: String, precision: String, tp: Int,
    configure: (inout SimConfig) -> Void, _ body: (URL, SimServer) async throws -> Void
) async throws {
    let catalog = try Catalog.load()
    var config = try SimConfig.resolve(
        catalog: catalog, hardware: hardware, model: model, precision: precision,
        topology: .aggregated(WorkerShape(tp: tp)))
    configure(&config)
    var options = options
    options.host = "127.0.0.1"
    options.port = 0
    let server = try await SimServer.start(cluster: try SimCluster(config: config, seed: options.seed), options: options)
    do {
        try await body(URL(string: "http://127.0.0.1:\(server.port)")!, server)
    } catch {
        try await server.drainAndStop()
        throw error
    }
    try await server.drainAndStop()
}
