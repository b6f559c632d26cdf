import ArgumentParser
import Catalog

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Show the hardware and model figures bench uses.",
        subcommands: [List.self, Show.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every GPU and model in the catalog.")
        @OptionGroup var catalog: CatalogOption

        func run() throws {
            let loaded = try loadCatalog(catalog.path)
            var out = "GPU      BF16    FP8     FP4     HBM GB  TB/s  scale-up GB/s  TDP W  all-in kW  $/GPU-hr (hyperscaler/neocloud/3yr)\n"
            for spec in loaded.hardware.values.sorted(by: { $0.name < $1.name }) {
                out +=
                    pad(spec.name, 9) + pad(number(spec.bf16TFLOPs), 8) + pad(number(spec.fp8TFLOPs), 8)
                    + pad(spec.fp4TFLOPs.map(number) ?? "-", 8) + pad(number(spec.hbmGB), 8) + pad(number(spec.hbmTBps), 6)
                    + pad(number(spec.scaleUpGBps), 15) + pad(number(spec.tdpW), 7) + pad(number(spec.allInKW), 11)
                    + "\(number(spec.usdPerGPUHour.hyperscaler))/\(number(spec.usdPerGPUHour.neocloud))/\(number(spec.usdPerGPUHour.rental3yr))\n"
            }
            out += "\nMODEL     total B  active B  layers  attention  KV bytes/token (bf16/fp8)  experts\n"
            for spec in loaded.models.values.sorted(by: { $0.name < $1.name }) {
                let experts = spec.moe.map { "\($0.routedExperts) top-\($0.topK)" } ?? "dense"
                out +=
                    pad(spec.name, 10) + pad(number(spec.totalParamsB), 9) + pad(number(spec.activeParamsB), 10)
                    + pad(String(spec.layers), 8) + pad(spec.attention, 11)
                    + pad("\(spec.kvBytesPerToken.bf16)/\(spec.kvBytesPerToken.fp8)", 27) + experts + "\n"
            }
            Console.write(out)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show every figure of one GPU or model, with its sources.")
        @Argument(help: "A GPU name or alias (h200, b200-multinode, ...) or a model name (dsr1) or Hugging Face id.")
        var name: String
        @OptionGroup var catalog: CatalogOption

        func run() throws {
            let loaded = try loadCatalog(catalog.path)
            if let spec = loaded.hardware(forRunner: name) {
                Console.write(CatalogText.hardware(spec))
            } else if let spec = loaded.model(named: name) {
                Console.write(CatalogText.model(spec))
            } else {
                let names = (Array(loaded.hardware.keys) + Array(loaded.models.keys)).sorted()
                let near = nearestKey(to: name, in: names)
                Console.error(
                    "error: '\(name)' is not in the catalog"
                        + (near.map { " (did you mean '\($0)'?)" } ?? "") + "; known: \(names.joined(separator: ", "))")
                throw ExitCode.failure
            }
        }
    }
}

func loadCatalog(_ path: String?) throws -> Catalog {
    do {
        return try Catalog.load(userFile: path)
    } catch {
        Console.report(error.diagnostics)
        throw ExitCode.failure
    }
}

private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}

/// A figure without a trailing `.0`.
func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
