import ArgumentParser
import Dispatch
import Foundation
import SimEngine
import SimServer

/// `bench serve-sim`: an OpenAI-compatible server whose timing follows the performance model.
struct ServeSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve-sim",
        abstract: "Serve a simulated deployment over the OpenAI API (completions, chat, models, health, metrics).",
        discussion:
            "Prints 'listening on http://HOST:PORT' once bound (--port 0 picks a free port) and serves until SIGINT or SIGTERM, then lets in-flight streams finish and exits 0."
    )

    @OptionGroup var deployment: DeploymentOptions
    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Option(help: "Port to bind; 0 picks a free one.") var port = 8000
    @Option(help: "Seed for EOS points, MTP acceptance and injected faults.") var seed: UInt64 = 0
    @Option(help: "Tokens per SSE event.") var streamInterval = 1
    @Option(help: "Name clients use for the model (repeatable; default: its Hugging Face id and catalog name).") var servedModelName: [String] = []
    @Flag(help: "Add the server's monotonic emit and scheduled times (ns) to every SSE event.") var emitTimestamps = false
    @Option(help: "Write each request's scheduled token times to this file (JSON lines).") var truthLog: String?
    @Option(help: "Share of requests answered with HTTP 500.") var failRate = 0.0
    @Option(help: "Share of streams cut halfway through.") var disconnectRate = 0.0
    @Option(help: "Pause streams halfway through for this many milliseconds.") var stallMs = 0
    @Option(help: "Share of streams that stall when --stall-ms is set.") var stallRate = 1.0
    @Option(help: "Share of streams with one event of broken JSON.") var malformedRate = 0.0
    @Option(help: "Exit (status 3) when a request arrives after this many.") var crashAfterRequests: Int?
    @Option(help: "Require `Authorization: Bearer <key>` on /v1/ requests, the key read from this environment variable (as vLLM's --api-key).")
    var apiKeyEnv: String?
    @Option(help: "Event loops (threads) writing the connections' token events; the scheduler stays on the first, so timing does not change.")
    var loops = 1

    func validate() throws {
        for (name, rate) in [
            ("--fail-rate", failRate), ("--disconnect-rate", disconnectRate), ("--stall-rate", stallRate), ("--malformed-rate", malformedRate),
        ]
        where !(0...1).contains(rate) {
            throw ValidationError("\(name) must be between 0 and 1, got \(rate)")
        }
        guard streamInterval >= 1 else { throw ValidationError("--stream-interval must be at least 1") }
        guard (0...3_600_000).contains(stallMs) else { throw ValidationError("--stall-ms must be 0 to 3600000 (an hour), got \(stallMs)") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard (1...1024).contains(loops) else { throw ValidationError("--loops must be 1 to 1024, got \(loops)") }
    }

    func run() async throws {
        var options = ServerOptions()
        options.host = host
        options.port = port
        options.seed = seed
        options.streamInterval = streamInterval
        options.servedModelNames = servedModelName
        options.emitTimestamps = emitTimestamps
        options.truthLogPath = truthLog
        options.faults.failRate = failRate
        options.faults.disconnectRate = disconnectRate
        options.faults.stallMilliseconds = stallMs
        options.faults.stallRate = stallRate
        options.faults.malformedRate = malformedRate
        options.faults.crashAfterRequests = crashAfterRequests
        options.apiKey = try APIKeyEnvironment.read(apiKeyEnv)
        options.loops = loops
        let cluster = try deployment.cluster(seed: seed)
        let server: SimServer
        do {
            server = try await SimServer.start(cluster: cluster, options: options)
        } catch {
            Console.error("bench serve-sim: cannot listen on \(host):\(port): \(error); pick another --port, or --port 0 for a free one")
            throw ExitCode.failure
        }
        Console.line("listening on http://\(host):\(server.port)")
        await TerminationSignals.wait()
        Console.error("bench serve-sim: draining")
        try await server.drainAndStop()
    }
}
