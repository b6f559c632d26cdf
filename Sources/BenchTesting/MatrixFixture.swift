/// One single-node config of a test matrix, in InferenceX's master-config format.
public struct FixtureConfig: Sendable {
    public var key: String
    public var runner: String
    public var framework: String
    /// Search-space entries as written, e.g. `{ tp: 8, conc-list: [1, 2] }`.
    public var entries: [String]

    public init(key: String, runner: String, framework: String, entries: [String]) {
        self.key = key
        self.runner = runner
        self.framework = framework
        self.entries = entries
    }

    /// The matrix text: Llama-3.3-70B FP8 at one ISL/OSL for every config.
    public static func matrix(_ configs: [FixtureConfig], isl: Int, osl: Int) -> String {
        configs.map { config in
            """
            \(config.key):
              image: img
              model: meta-llama/Llama-3.3-70B-Instruct
              model-prefix: llama70b
              runner: \(config.runner)
              precision: fp8
              framework: \(config.framework)
              multinode: false
              scenarios:
                fixed-seq-len:
                - isl: \(isl)
                  osl: \(osl)
                  search-space:
            \(config.entries.map { "      - \($0)" }.joined(separator: "\n"))
            """
        }.joined(separator: "\n")
    }
}
