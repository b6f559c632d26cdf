import Foundation
import LoadGen

/// The traces an agentic sweep replays: the `--traces` file, read once per sweep, else a synthetic
/// corpus shaped like InferenceX's 256k-capped one (`bench traces synth`'s), the same for every point.
enum AgenticTraceSource {
    /// Traces of the synthetic corpus: lanes beyond it wrap around with their own block contents.
    static let syntheticCount = 32

    static func load(_ settings: SweepSettings) throws(SweepError) -> [AgenticTrace] {
        guard let path = settings.tracesPath else {
            return SyntheticTraces.generate(count: syntheticCount, seed: settings.agenticSeed, profile: .claudeCode256k)
        }
        do {
            return try AgenticTraceFile.read(URL(fileURLWithPath: path))
        } catch {
            throw SweepError("cannot replay \(path): \(error)")
        }
    }
}
