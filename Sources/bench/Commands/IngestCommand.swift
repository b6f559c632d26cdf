import ArgumentParser
import Foundation
import Matrix
import Store

/// `bench ingest FILE|DIR...`: result files of vLLM, SGLang, AIPerf, guidellm, InferenceX and bench
/// (told apart by their keys), or other bench databases.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract:
            "Add results to the database: vLLM/SGLang/AIPerf/guidellm/InferenceX/bench result JSON (files or folders of them) or bench databases.",
        discussion: """
            Each file's format is read from its keys. A point's settings come from the file first, then these flags, then an \
            InferenceX-style file name (<model>_<precision>_<framework>_tp<N>_isl<I>_osl<O>_conc<C>.json); what is still missing is \
            named. Idempotent: a file ingested twice adds nothing. A file is stored whole or not at all.
            """)

    @Argument(help: "Result JSON files, folders of them, or bench SQLite databases.") var paths: [String]
    @OptionGroup var database: DatabaseOption
    @Option(help: "Store this ingest as one run with this label (default: one run per file).") var runLabel: String?
    @Option(help: "Hardware (catalog name or runner label, e.g. h200).") var hardware: String?
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
    @Option(help: "Speculative decoding (none, mtp, draft_model).") var specDecoding: String?
    @OptionGroup var catalogOption: CatalogOption

    func validate() throws {
        for (name, value) in [("--gpus", gpus), ("--tp", tp), ("--ep", ep), ("--isl", isl), ("--osl", osl), ("--conc", conc)] {
            if let value, value < 1 { throw ValidationError("\(name) must be at least 1, got \(value)") }
        }
    }

    var flags: IngestSettings {
        var flags = IngestSettings()
        (flags.hardware, flags.framework, flags.precision, flags.model, flags.config) = (hardware, framework, precision, model, config)
        (flags.gpus, flags.tp, flags.ep, flags.isl, flags.osl, flags.concurrency) = (gpus, tp, ep, isl, osl, conc)
        flags.dpAttention = dpAttn ? true : nil
        flags.specDecoding = specDecoding
        return flags
    }

    func run() throws {
        let store = try openStore(database.path)
        let catalog = try loadCatalog(catalogOption.path)
        var failures = 0
        for file in try Self.files(paths) {
            guard let data = FileManager.default.contents(atPath: file) else {
                Console.error("bench ingest: cannot read \(file)")
                failures += 1
                continue
            }
            do {
                let count: IngestCount
                if data.starts(with: Data("SQLite format 3".utf8)) {
                    count = try store.merge(databaseAt: file)
                } else {
                    let points = try ResultFile.points(json: data, path: file, flags: flags, hardware: catalog)
                    // A run per label, else per file content: the same file twice is the same run.
                    let uid = runLabel.map { "ingest-label-" + $0 } ?? "ingest-" + StableHash.hex(String(decoding: data, as: UTF8.self))
                    count = try store.ingest(
                        points, runUID: uid, source: runLabel ?? file, harnessVersion: Bench.version,
                        host: ProcessInfo.processInfo.hostName)
                }
                Console.line("\(file): \(counted(count.runs, "run")) and \(counted(count.points, "point")) added, \(count.skipped) already present")
            } catch {
                Console.error("bench ingest: \(error.description)")
                failures += 1
            }
        }
        if failures > 0 {
            Console.error("bench ingest: \(counted(failures, "file")) not ingested (the others were)")
            throw ExitCode.failure
        }
    }

    /// Files as given; a folder's `.json`/`.jsonl` files and databases (`.sqlite`, `.db`) in name order, recursively.
    static func files(_ paths: [String]) throws -> [String] {
        try paths.flatMap { path -> [String] in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw ValidationError("no such file or folder: \(path)")
            }
            guard isFolder.boolValue else { return [path] }
            let found = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
            return found.filter { ["json", "jsonl", "sqlite", "db"].contains(URL(fileURLWithPath: $0).pathExtension.lowercased()) }
                .sorted().map { URL(fileURLWithPath: path).appendingPathComponent($0).path }
        }
    }
}
