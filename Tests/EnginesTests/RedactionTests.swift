import BenchTesting
import Engines
import Foundation
import Testing

@Suite struct RedactionTests {
    @Test func secretFlagsAndVariablesLoseTheirValuesOnly() {
        #expect(
            Redaction.arguments(["--api-key=sk-1", "--hf-token", "hf_2", "--max-num-batched-tokens", "8192", "--tokenizer", "t", "-tp", "8"])
                == ["--api-key=REDACTED", "--hf-token", "REDACTED", "--max-num-batched-tokens", "8192", "--tokenizer", "t", "-tp", "8"])
        #expect(
            Redaction.environment(["HF_TOKEN": "hf_1", "OPENAI_API_KEY": "sk", "AWS_SECRET_ACCESS_KEY": "s", "DB_PASSWORD": "p", "VLLM_USE_V1": "1"])
                == [
                    "HF_TOKEN": "REDACTED", "OPENAI_API_KEY": "REDACTED", "AWS_SECRET_ACCESS_KEY": "REDACTED", "DB_PASSWORD": "REDACTED",
                    "VLLM_USE_V1": "1",
                ])
    }

    @Test func urlsLoseUserinfoAndQueryValues() {
        #expect(
            Redaction.url("https://bob:pw@example.com:8443/v1?api_key=sk-1&x=2") == "https://REDACTED@example.com:8443/v1?api_key=REDACTED&x=REDACTED"
        )
        #expect(Redaction.url("http://127.0.0.1:8000/v1") == "http://127.0.0.1:8000/v1")
    }

    @Test func logTailsLoseTheSamePatterns() {
        let log = """
            INFO non-default args: {'model': 'm', 'api_key': ['sk-live-1'], 'max_num_batched_tokens': 8192}
            launching --api-key sk-live-2 --port 8000 with HF_TOKEN=hf_live3 and "password": "pw4"
            Authorization: Bearer tok5 sent to http://u:pw6@host/v1?token=tok7; the token count is 12
            """
        let redacted = Redaction.text(log)
        for secret in ["sk-live-1", "sk-live-2", "hf_live3", "pw4", "tok5", "pw6", "tok7"] {
            #expect(!redacted.contains(secret), "\(secret) in \(redacted)")
        }
        #expect(redacted.contains("'max_num_batched_tokens': 8192") && redacted.contains("--port 8000") && redacted.contains("the token count is 12"))
    }

    @Test func aFailingEnginesStoredCommandAndLogTailCarryNoSecret() throws {
        try withTemporaryDirectory("redact") { folder in
            let log = folder.appendingPathComponent("engine.log").path
            let command = EngineCommand(
                executable: "/bin/sh",
                arguments: ["-c", "echo \"non-default args: {'api_key': ['sk-live-9']}\"; exit 1", "sh", "--api-key", "sk-live-9"],
                environment: ["HF_TOKEN": "hf_live9"])
            #expect(!command.display.contains("sk-live-9") && !command.display.contains("hf_live9"))
            do {
                _ = try Engine(command: command, port: 9, logPath: log, readinessSeconds: 30)
                Issue.record("the engine should have failed")
            } catch let error as EngineError {
                #expect(error.message.contains("exited with status 1") && error.message.contains("api_key"))
                #expect(!error.description.contains("sk-live-9"), "\(error)")
            }
            let header = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")[0]
            #expect(header.contains("bench launches:") && !header.contains("sk-live-9") && !header.contains("hf_live9"))
        }
    }
}
