import BenchTesting
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `bench serve-sim` started as its own process on an ephemeral port, stopped at the end.
final class ServeSimProcess {
    let process = Process()
    let port: Int
    private let stderr = Pipe()

    init(_ extra: [String] = [], environment: [String: String] = [:]) throws {
        process.executableURL = BenchProcess.executable
        process.arguments = ["serve-sim", "--hardware", "h200", "--model", "llama70b", "--tp", "1", "--port", "0"] + extra
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = stderr
        try process.run()
        port = try Self.listeningPort(out.fileHandleForReading)
    }

    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    func post(_ path: String, _ body: String, headers: [String: String] = [:]) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: url.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    deinit {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// Reads stdout up to the "listening on http://HOST:PORT" line.
    static func listeningPort(_ handle: FileHandle) throws -> Int {
        var text = ""
        while !text.contains("\n") {
            let chunk = handle.availableData
            guard !chunk.isEmpty else { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let line = text.split(separator: "\n").first, line.hasPrefix("listening on http://"),
            let port = line.split(separator: ":").last.flatMap({ Int($0) })
        else {
            throw CancellationError()
        }
        return port
    }
}

@Suite struct ServeSimHardeningTests {
    @Test func absurdRequestsAre400sAndTheServerKeepsServing() async throws {
        let server = try ServeSimProcess()
        let absurd = [
            #"{"model":"llama70b","prompt":[1],"max_tokens":9223372036854775807}"#,
            #"{"model":"llama70b","prompt":"hi","max_tokens":9223372036854775807,"min_tokens":9223372036854775807}"#,
            #"{"model":"llama70b","prompt":[1],"max_tokens":-9223372036854775808}"#,
            #"{"model":"llama70b","prompt":[1],"max_tokens":1e300}"#,
            #"{"model":"llama70b","prompt":[99999999999999999999999],"max_tokens":2}"#,
            #"{"model":"llama70b","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":9223372036854775807}"#,
        ]
        for body in absurd {
            let path = body.contains("messages") ? "v1/chat/completions" : "v1/completions"
            let reply = try await server.post(path, body)
            #expect(reply.status == 400, "\(body): \(reply.body)")
            #expect(reply.body.contains("\"type\":\"invalid_request_error\""), "\(reply.body)")
        }
        let fine = try await server.post("v1/completions", #"{"model":"llama70b","prompt":"hi","max_tokens":2}"#)
        #expect(fine.status == 200)
        #expect(server.process.isRunning)
    }

    @Test func apiKeyIsRequiredAndTheLoadGeneratorSendsIt() async throws {
        let variable = "BENCH_TEST_SIM_KEY_\(UInt32.random(in: 0...UInt32.max))", secret = "sk-sim-\(UUID().uuidString)"
        let server = try ServeSimProcess(["--api-key-env", variable], environment: [variable: secret])
        let request = #"{"model":"llama70b","prompt":"hi","max_tokens":2}"#
        #expect(try await server.post("v1/completions", request).status == 401)
        #expect(try await server.post("v1/completions", request, headers: ["Authorization": "Bearer wrong"]).status == 401)
        #expect(try await server.post("v1/completions", request, headers: ["Authorization": "Bearer \(secret)"]).status == 200)
        let load = [
            "load", "--url", server.url.absoluteString, "--model", "llama70b", "--isl", "8", "--osl", "2",
            "--max-concurrency", "2", "--num-prompts", "2", "--max-failure-rate", "0",
        ]
        #expect(try BenchProcess.run(load).status == 2)
        let keyed = try BenchProcess.run(load + ["--api-key-env", variable], environment: [variable: secret])
        #expect(keyed.status == 0, "\(keyed.stdout)\(keyed.stderr)")
        #expect(!(keyed.stdout + keyed.stderr).contains(secret))
    }
}

/// `bench load` against servers that flood it: it ends each request as a counted failure, exits
/// 2, and its memory stays far below what the server sent or claimed.
@Suite(.serialized) struct LoadAgainstHostileServerProcessTests {
    @Test(arguments: [
        ("data: {\"choices\":[{\"text\":\"", String(repeating: "a", count: 1 << 16)),
        ("", "data: {\"choices\":[{\"text\":\" a\"}],\"usage\":{\"completion_tokens\":9007199254740991}}\n\n"),
    ])
    func staysUnderOneGigabyte(body: String, repeating: String) async throws {
        // A flood on both cores: it takes the real-time suites' turn rather than skew their timing.
        let result = try await realTimeTurn {
            let server = try await HostileServer("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\r\n" + body, repeating: repeating)
            let result = try BenchProcess.run([
                "load", "--url", "http://127.0.0.1:\(server.port)", "--model", "m", "--isl", "8", "--osl", "100000",
                "--max-concurrency", "4", "--num-prompts", "8", "--timeout", "60s", "--json",
            ])
            try await server.stop()
            return result
        }
        #expect(result.status == 2, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["failed"] as? Int == 8)
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        #else
        getrusage(RUSAGE_CHILDREN, &usage)
        #endif
        #expect(usage.ru_maxrss < 1 << 20, "the largest child's peak RSS: \(usage.ru_maxrss) KiB")
    }
}
