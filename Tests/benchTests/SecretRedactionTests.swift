import BenchTesting
import Foundation
import SimServer
import Testing

/// Secrets given to `bench run` (in the URL, as engine arguments, as the API key) reach the
/// engine but no file bench writes, nothing it prints and nothing it publishes.
@Suite struct SecretRedactionTests {
    @Test func secretsAreAbsentFromTheDatabaseLogsDashboardAndOutput() async throws {
        try await withTemporaryDirectory("run") { folder in
            let matrix = folder.appendingPathComponent("m.yaml").path
            try RunCommandTests.matrix(concs: [1]).write(toFile: matrix, atomically: true, encoding: .utf8)
            let db = folder.appendingPathComponent("bench.sqlite").path, logs = folder.appendingPathComponent("logs").path
            let tag = UUID().uuidString.prefix(8)
            let secrets = ["userpw-\(tag)", "query-\(tag)", "arg-\(tag)", "next-\(tag)", "key-\(tag)"]
            let variable = "BENCH_TEST_RUN_KEY_\(tag)"
            var options = ServerOptions()
            options.servedModelNames = ["meta-llama/Llama-3.3-70B-Instruct"]
            options.apiKey = secrets[4]
            var output = ""
            try await withSimServer(options, tp: 8) { url, _ in
                let external = "http://bench:\(secrets[0])@127.0.0.1:\(url.port!)/v1?api_key=\(secrets[1])"
                let result = try BenchProcess.run(
                    [
                        "run", "--matrix", matrix, "--db", db, "--logs", logs, "--engine", "external", "--url", external,
                        "--engine-arg=--api-key=\(secrets[2])", "--engine-arg=--hf-token", "--engine-arg=\(secrets[3])",
                        "--api-key-env", variable, "--num-prompts-per-conc", "2", "--num-warmups-per-conc", "0",
                    ],
                    environment: [variable: secrets[4]])
                #expect(result.status == 0, "\(result.stderr)")
                output = result.stdout + result.stderr
            }
            let show = try BenchProcess.run(["runs", "show", "1", "--db", db])
            #expect(show.stdout.contains("external http://REDACTED@127.0.0.1"))
            output += show.stdout + show.stderr + (try BenchProcess.run(["export", "--csv", "-", "--db", db])).stdout
            var written = Data()
            for case let path as String in FileManager.default.enumerator(atPath: folder.path)! {
                written += (try? Data(contentsOf: folder.appendingPathComponent(path))) ?? Data()
            }
            for secret in secrets {
                #expect(!output.contains(secret), "\(secret) printed")
                #expect(written.range(of: Data(secret.utf8)) == nil, "\(secret) written under \(folder.path)")
            }
            let resume = try BenchProcess.run(["run", "--resume", "1", "--db", db, "--logs", logs])
            #expect(resume.status != 0 && resume.stderr.contains("secret"), "\(resume.stderr)")
        }
    }
}
