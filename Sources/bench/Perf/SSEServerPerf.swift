import ArgumentParser
import BenchPerf
import Foundation
import LoadGen

/// `bench perf sse-server`: the cheap out-of-process token-stream server `bench perf client
/// --server cheap` measures against (it starts one itself; this runs one by hand).
struct SSEServerPerf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sse-server",
        abstract: "Serve pre-formatted OpenAI-style token streams on 127.0.0.1 as cheaply as the kernel allows (Linux only).",
        discussion:
            "Answers streaming POST /v1/completions over keep-alive HTTP/1.1 with max_tokens events of one token each, stamped with bench_emit_ns; prints its URL, then on exit its events, requests and CPU."
    )

    @Option(help: "Port on 127.0.0.1 (0: an ephemeral one).") var port = 0
    @Option(help: "Microseconds between decode steps, each giving every ready stream one event (0: as fast as the readers take them).")
    var intervalUs = 0
    @Option(help: "Events (one token each) per send to a stream: 1 as a real server writes; more makes the server cheaper per event.")
    var eventsPerWrite = 1
    @Option(help: "SO_SNDBUF per stream in bytes, bounding how far a stream runs ahead of its reader (default: the kernel's).")
    var sendBuffer: Int?
    @Option(help: "Connections served at once; more are closed when accepted.") var maxStreams = 8192
    @Option(help: "Stop after this many seconds at the latest.") var seconds = 600.0
    @Flag(help: "Stop when standard input reaches its end (the parent closed it).") var stopOnStdinEOF = false

    func validate() throws {
        guard seconds > 0, maxStreams >= 1 else { throw ValidationError("--seconds and --max-streams must be positive") }
    }

    func run() throws {
        #if canImport(Glibc)
        try FileDescriptors.raiseLimit(toAtLeast: maxStreams + 64)
        let server = try SSEServer(
            port: port, intervalMicroseconds: intervalUs, eventsPerWrite: eventsPerWrite, sendBufferBytes: sendBuffer, maxStreams: maxStreams)
        Console.line("listening on http://127.0.0.1:\(server.port)")
        let figures = server.serve(seconds: seconds, stopFD: stopOnStdinEOF ? FileHandle.standardInput.fileDescriptor : nil)
        Console.line(SSEServer.summary(figures))
        #else
        throw ValidationError("sse-server uses Linux's socket calls (Glibc) and is not supported on this OS")
        #endif
    }
}
