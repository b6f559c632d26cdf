import ArgumentParser
import Foundation
import Matrix
import Store

/// `bench ingest FILE...`: result JSON from vLLM / SGLang / InferenceX, or other bench databases.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Add results to the database: vLLM/SGLang --save-result JSON, InferenceX aggregated results JSON, or bench databases (shards).",
        discussion: "Idempotent: a file ingested twice adds nothing (runs match by uid, points by run, deployment, ISL/OSL, concurrency and repeat). Flags fill in what a bare result file does not say.")

    @Argument(help: "Result JSON files or bench SQLite databases.") var files: [String]
    @Option(help: "Results database.") var db = "results/bench.sqlite"
    @Option(help: "Hardware (catalog name, e.g. h200).") var hardware: String?
    @Option(help: "Framework (sglang, vllm, trt, …).") var framework: String?
    @Option(help: "Precision (fp8, fp4, bf16).") var precision: String?
    @Option(help: "Model name.") var model: String?
    @Option(help: "Config key to group the points under.") var config: String?
    @Option(help: "GPUs the deployment used.") var gpus: Int?
    @Option(help: "Tensor parallel size.") var tp: Int?
    @Option(help: "Expert parallel size.") var ep: Int?
    @Flag(help: "Data-parallel attention was on.") var dpAttn = false
    @Option(help: "Input length.") var isl: Int?
    @Option(help: "Output length.") var osl: Int?
    @Option(help: "Concurrency.") var conc: Int?

    func run() throws {
        let store = try openStore(db)
        var metadata = IngestMetadata()
        (metadata.hardware, metadata.framework, metadata.precision, metadata.model, metadata.config) = (hardware, framework, precision, model, config)
        (metadata.gpus, metadata.tp, metadata.ep, metadata.isl, metadata.osl, metadata.concurrency) = (gpus, tp, ep, isl, osl, conc)
        metadata.dpAttention = dpAttn ? true : nil
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                Console.error("bench ingest: cannot read \(file)")
                throw ExitCode(1)
            }
            let count: IngestCount
            if data.starts(with: Data("SQLite format 3".utf8)) {
                count = try storeCall { () throws(StoreError) in try store.merge(databaseAt: file) }
            } else {
                let points = try storeCall { () throws(StoreError) in try ResultFile.points(json: data, path: file, metadata: metadata) }
                // The run's identity is the file's content: the same file twice is the same run.
                let uid = "ingest-" + StableHash.hex(String(decoding: data, as: UTF8.self))
                count = try storeCall { () throws(StoreError) in
                    try store.ingest(points, runUID: uid, source: file, harnessVersion: Bench.version, host: ProcessInfo.processInfo.hostName)
                }
            }
            Console.line("\(file): \(counted(count.runs, "run")) and \(counted(count.points, "point")) added, \(count.skipped) already present")
        }
    }
}
