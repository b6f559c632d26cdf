/// One single-node config of a test matrix, in InferenceX's master-config format.
public struct FixtureConfig: Sendable {
    public var key: String
    public var runner: String
    public var framework: String
    /// Search-space entries as written, e.g. `{ tp: 8, conc-list: [1, 2] }`.
    public var entries: [String]
    public var model: String
    public var modelPrefix: String
    public var precision: String
    public var image: String

    public init(
        key: String, runner: String, framework: String, entries: [String], model: String = "meta-llama/Llama-3.3-70B-Instruct",
        modelPrefix: String = "llama70b", precision: String = "fp8", image: String = "img"
    ) {
        self.image = image
        self.key = key
        self.runner = runner
        self.framework = framework
        self.entries = entries
        self.model = model
        self.modelPrefix = modelPrefix
        self.precision = precision
    }

    /// The matrix text: every config at one ISL/OSL (Llama-3.3-70B FP8 unless told otherwise).
    public static func matrix(_ configs: [FixtureConfig], isl: Int, osl: Int) -> String {
        configs.map { config in
            """
            \(config.key):
              image: \(config.image)
              model: \(config.model)
              model-prefix: \(config.modelPrefix)
              runner: \(config.runner)
              precision: \(config.precision)
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
