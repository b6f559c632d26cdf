import Foundation

/// The vendor tool that reports this machine's GPUs: `nvidia-smi` or `amd-smi`, found on PATH.
public struct GPUTool: Sendable, Equatable {
    public enum Vendor: String, Sendable { case nvidia, amd }
    public let vendor: Vendor
    public let path: String

    /// nvidia-smi first, then amd-smi; nil on a machine with neither (then no telemetry is stored).
    public static func find() -> GPUTool? {
        if let path = CommandOutput.which("nvidia-smi") { return GPUTool(vendor: .nvidia, path: path) }
        if let path = CommandOutput.which("amd-smi") { return GPUTool(vendor: .amd, path: path) }
        return nil
    }

    /// Which of `hardwareNames` (catalog names such as h200, gb200, mi355x) this machine's GPUs
    /// are: the longest name that appears in the tool's product names, so `gb200` wins over `b200`.
    public func detectHardware(among hardwareNames: [String]) -> String? {
        let arguments = vendor == .nvidia ? ["--query-gpu=name", "--format=csv,noheader"] : ["static", "--asic", "--csv"]
        guard let text = CommandOutput.run(path, arguments)?.lowercased() else { return nil }
        let words = Set(text.split { !$0.isLetter && !$0.isNumber }.map(String.init))
        return hardwareNames.sorted { $0.count > $1.count }.first { words.contains($0.lowercased()) }
    }

    /// One reading of every GPU: index, watts, utilisation percent.
    func sample() -> [GPUReading] {
        switch vendor {
        case .nvidia:
            let output = CommandOutput.run(path, ["--query-gpu=index,power.draw,utilization.gpu", "--format=csv,noheader,nounits"])
            return output.map(GPUReading.parseNvidia) ?? []
        case .amd:
            return CommandOutput.run(path, ["metric", "--power", "--usage", "--csv"]).map(GPUReading.parseAMD) ?? []
        }
    }
}

/// One GPU at one moment.
struct GPUReading: Equatable {
    var index: Int
    var watts: Double
    var utilization: Double?

    /// `0, 350.12, 87` per line (nvidia-smi's csv,noheader,nounits); `[N/A]` fields drop the line.
    static func parseNvidia(_ text: String) -> [GPUReading] {
        text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 2, let index = Int(fields[0]), let watts = Double(fields[1]) else { return nil }
            return GPUReading(index: index, watts: watts, utilization: fields.count > 2 ? Double(fields[2]) : nil)
        }
    }

    /// amd-smi's CSV: a header naming the columns, then one row per GPU. Columns are found by
    /// name (`gpu`; a `*socket_power*` or other `*power*`; `*gfx_activity*` or `*usage*`), and
    /// units such as `W` or `%` are dropped, since amd-smi versions differ in both.
    static func parseAMD(_ text: String) -> [GPUReading] {
        let lines = text.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        }
        guard let header = lines.first?.map({ $0.lowercased() }) else { return [] }
        guard let gpu = header.firstIndex(of: "gpu"),
            let power = header.firstIndex(where: { $0.contains("socket_power") }) ?? header.firstIndex(where: { $0.contains("power") })
        else { return [] }
        let usage = header.firstIndex { $0.contains("gfx_activity") } ?? header.firstIndex { $0.contains("usage") || $0.contains("activity") }
        func number(_ text: String) -> Double? { Double(text.filter { $0.isNumber || $0 == "." }) }
        return lines.dropFirst().compactMap { row in
            guard row.count > max(gpu, power), let index = Int(row[gpu]), let watts = number(row[power]) else { return nil }
            return GPUReading(index: index, watts: watts, utilization: usage.flatMap { $0 < row.count ? number(row[$0]) : nil })
        }
    }
}
