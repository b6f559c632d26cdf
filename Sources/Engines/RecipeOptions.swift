/// What a recipe needs beyond the deployment: where things are and the user's own flags.
public struct RecipeOptions: Sendable {
    /// The `bench` executable, for the `sim` recipe.
    public var benchExecutable: String
    /// The Python that has sglang or vllm installed (a virtualenv's `bin/python`).
    public var python: String
    /// A local model folder or hub id to serve instead of the matrix's `model`.
    public var modelPath: String?
    /// `--kv-cache-dtype` for every engine (e.g. fp8); nil leaves the engine's default.
    public var kvCacheDType: String?
    /// Appended to every native engine's command line, as given (vendor flags).
    public var extraArguments: [String]
    /// Appended to `bench serve-sim`'s command line (e.g. `--crash-after-requests 40`).
    public var simArguments: [String]
    /// `--catalog` for serve-sim, so the sim serves the figures the sweep was planned with.
    public var catalogPath: String?
    /// The catalog's name for the model when it differs from the matrix's (serve-sim `--model`).
    public var simModel: String?
    /// Where option files an engine reads are written (TensorRT-LLM's host cache); the logs folder.
    public var configDirectory: String?

    public init(
        benchExecutable: String, python: String = "python3", modelPath: String? = nil, kvCacheDType: String? = nil,
        extraArguments: [String] = [], simArguments: [String] = [], catalogPath: String? = nil
    ) {
        self.benchExecutable = benchExecutable
        self.python = python
        self.modelPath = modelPath
        self.kvCacheDType = kvCacheDType
        self.extraArguments = extraArguments
        self.simArguments = simArguments
        self.catalogPath = catalogPath
    }
}
