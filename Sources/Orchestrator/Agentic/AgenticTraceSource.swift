import Foundation
import LoadGen

/// The traces an agentic sweep replays: the `--traces` file, read once per sweep.
enum AgenticTraceSource {
    static func load(_ settings: SweepSettings) throws(SimulationRefusal) -> [AgenticTrace] {
        guard let path = settings.tracesPath else {
            throw SimulationRefusal(message: "agentic-coding points need traces: pass --traces FILE (a Weka-format trace JSONL)")
        }
        do {
            return try AgenticTraceFile.read(URL(fileURLWithPath: path))
        } catch {
            throw SimulationRefusal(message: "cannot replay \(path): \(error)")
        }
    }
}
