import BenchTesting
import Foundation
import Testing

/// `bench export --csv`: fields from the database that hold commas, quotes, line breaks or a
/// leading formula character come back intact through an RFC 4180 reader, formulas defused.
@Suite struct ExportCommandTests {
    @Test func hostileFieldsAreQuotedAndFormulasDefused() throws {
        try withTemporaryDirectory("export") { folder in
            // The file's path becomes the engine command ("ingested from PATH"): a comma and quotes in it too.
            let file = folder.appendingPathComponent(#"vllm,"run 1".json"#).path
            try
                #"{"backend":"vllm","max_concurrency":4,"duration":10,"completed":40,"total_input_tokens":40960,"total_output_tokens":40960,"request_throughput":4,"output_throughput":4096,"total_token_throughput":8192,"median_ttft_ms":100,"median_tpot_ms":10}"#
                .write(toFile: file, atomically: true, encoding: .utf8)
            let db = folder.appendingPathComponent("bench.sqlite").path
            let config = #"=SUM(A1:A9),"x""#, model = "llama, \"70b\"\nsecond line"
            let ingest = try BenchProcess.run([
                "ingest", file, "--db", db, "--hardware", "h100", "--precision", "fp8", "--gpus", "2",
                "--framework", "vllm", "--isl", "1024", "--osl", "1024", "--config", config, "--model", model,
            ])
            #expect(ingest.status == 0, "\(ingest.stderr)")
            let export = try BenchProcess.run(["export", "--csv", "-", "--db", db])
            #expect(export.status == 0, "\(export.stderr)")
            let records = CSVTable.parse(export.stdout)
            #expect(records.count == 2 && records.allSatisfy { $0.count == records[0].count }, "\(records)")
            let row = try #require(CSVTable.rows(export.stdout).first)
            #expect(row["config"] == "'" + config, "a leading = gets a quote mark, so a spreadsheet shows it as text")
            #expect(row["model"] == model)
            #expect(row["engine_command"] == "ingested (vllm) from \(file)")
            #expect(row["tput_per_gpu"] == "4096.0" && row["conc"] == "4")
        }
    }
}
