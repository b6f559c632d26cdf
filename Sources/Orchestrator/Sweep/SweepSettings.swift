import Engines
import Foundation

/// Everything that decides which points a sweep runs and how: stored with the run as its plan,
/// so `--resume` re-expands exactly the same points.
public struct SweepSettings: Sendable, Codable, Equatable {
    public enum EngineChoice: String, Sendable, Codable, CaseIterable {
        /// Every point on the simulated engine, as that point's hardware.
        case sim
        /// The point's own framework (sglang, vllm, trt), on points whose hardware is this machine's.
        case native
        /// An already running server at `externalURL`.
        case external
    }

    /// Absolute paths, so a resume from another folder reads the same files.
    public var matrixFiles: [String]
    public var filters: [String] = []
    public var seqLens: String?
    public var minConc: Int?
    public var maxConc: Int?
    public var engine: EngineChoice = .sim
    /// The simulator's virtual clock instead of HTTP (sim only).
    public var virtual = false
    /// Virtual runs store every token event of every request (else each request's first and last).
    /// Optional so plans stored before it existed still decode (nil: false).
    public var keepEvents: Bool?
    /// This machine's hardware for native engines (else detected with nvidia-smi / amd-smi).
    public var hardware: String?
    public var externalURL: String?
    public var repeats = 1
    /// Measured requests per point = this × concurrency (InferenceX: 10).
    public var promptsPerConcurrency = 10
    /// Warmup requests per point = this × concurrency.
    public var warmupsPerConcurrency = 2
    public var randomRangeRatio = 1.0
    /// Prompt token ids below this (models with small vocabularies); nil: ids 1000–30999.
    public var vocabularySize: Int?
    public var seed: UInt64 = 0
    /// Stop the sweep after this many failed points (nil: never).
    public var maxFailures: Int?
    /// A point whose share of failed requests exceeds this is a failed point (nil: InferenceX's 5%).
    public var maxFailureRate: Double?
    public static let defaultMaxFailureRate = 0.05
    /// InferenceX's `AIPERF_FAILED_REQUEST_THRESHOLD` for agentic replay.
    public static let defaultAgenticMaxFailureRate = 0.10
    /// Scenario types to run (`--scenario`); nil: fixed-seq-len only, agentic points listed as skipped.
    public var scenarios: [String]?
    /// Seconds each agentic point replays after warmup (`--duration`); nil: the matrix's (InferenceX: 3600).
    public var agenticDurationSeconds: Int?
    /// Weka-format trace JSONL to replay (`--traces`); nil: synthetic traces (`bench traces synth`'s defaults).
    public var tracesPath: String?

    /// The trace replay's seed: InferenceX's `--random-seed 42`, moved by `--seed` when one is given.
    public var agenticSeed: UInt64 { 42 &+ seed }
    public var requestTimeoutSeconds = 600.0
    /// Event loops of the load generator (`--client-loops`); optional so plans stored before it
    /// still decode (nil: 1).
    public var clientLoops: Int?
    public var readinessSeconds = 900.0
    public var catalogPath: String?
    /// InferenceX's runners.yaml (`--runner-config`); nil: one beside the first matrix file, else the built-in table.
    public var runnerConfigPath: String?
    public var python = "python3"
    public var modelPath: String?
    public var kvCacheDType: String?
    public var engineArguments: [String] = []
    public var simArguments: [String] = []
    /// The environment variable holding the API key the load generator sends (`--api-key-env`;
    /// the name is stored, never the key). nil: `BENCH_API_KEY` when set.
    public var apiKeyVariable: String?
    /// Scales the simulator's efficiencies (both clocks): 0.85 is a GPU 15% slower, for
    /// injecting a known regression. Optional so plans stored before it still decode.
    public var simEfficiency: Double?
    /// This sweep runs only shard `index` of `count` (a Slurm array task): whole deployment
    /// groups, balanced by point count (ShardAssignment).
    public var shard: Shard?

    public struct Shard: Sendable, Codable, Equatable {
        public var index: Int
        public var count: Int

        public init(index: Int, count: Int) {
            self.index = index
            self.count = count
        }

        /// `2/8`: shard 2 of 8 (0-based).
        public init?(parsing text: String) {
            let parts = text.split(separator: "/").map { Int($0) }
            guard parts.count == 2, let index = parts[0], let count = parts[1], count >= 1, (0..<count).contains(index) else { return nil }
            self.init(index: index, count: count)
        }
    }

    public init(matrixFiles: [String]) {
        self.matrixFiles = matrixFiles
    }

    /// The settings as stored with the run, secrets redacted (engine arguments, the external URL).
    public func json() -> String {
        var stored = self
        stored.engineArguments = Redaction.arguments(engineArguments)
        stored.simArguments = Redaction.arguments(simArguments)
        stored.externalURL = externalURL.map(Redaction.url)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(stored)) ?? Data(), as: UTF8.self)
    }

    /// A stored plan lost a secret to redaction, so it cannot be resumed as it was started.
    public var lostSecret: Bool {
        (engineArguments + simArguments + [externalURL ?? ""]).contains { $0.contains(Redaction.marker) }
    }

    public static func decode(_ json: String) -> SweepSettings? {
        try? JSONDecoder().decode(SweepSettings.self, from: Data(json.utf8))
    }

    /// What serve-sim is given beyond the deployment: the user's --sim-arg and the efficiency scale.
    public var simCommandArguments: [String] {
        simArguments + (simEfficiency.map { ["--efficiency-scale", "\($0)"] } ?? [])
    }

    /// `real-time` or `virtual`, as stored with the run.
    public var clock: String { virtual ? "virtual" : "real-time" }
}
