import Foundation

/// The `bench run` line that measures one stored point again: the run's matrix files, engine and
/// clock (read from its stored plan, whose secrets were redacted when stored) and filters that keep
/// exactly this config, ISL/OSL and concurrency.
enum ReproduceLine {
    struct Plan {
        var matrixFiles: [String]
        var engine: String
        var virtual: Bool

        /// The stored plan's JSON (Orchestrator's SweepSettings); nil for runs without one (ingested files).
        init?(json: String?) {
            guard let data = json?.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                let files = object["matrixFiles"] as? [String], !files.isEmpty
            else { return nil }
            matrixFiles = files
            engine = object["engine"] as? String ?? "sim"
            virtual = object["virtual"] as? Bool ?? false
        }
    }

    static func text(plan: Plan, config: String, isl: Int, osl: Int, concurrency: Int) -> String {
        var words = ["bench", "run"] + plan.matrixFiles.flatMap { ["--matrix", $0] }
        if plan.engine != "sim" { words += ["--engine", plan.engine] }
        if plan.virtual { words.append("--virtual") }
        words += ["config=\(config)", "isl=\(isl)", "osl=\(osl)", "conc=\(concurrency)"].flatMap { ["--filter", $0] }
        return words.map(quoted).joined(separator: " ")
    }

    /// Shell-quoted where it holds anything but plain word characters.
    static func quoted(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./=:,@+".contains($0)) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
