import Catalog

extension MatrixSet {
    /// One matrix file's text parsed and its concurrencies expanded, for `bench perf fuzz`:
    /// the number of diagnostics plus the concurrencies of every config.
    public static func parseForFuzzing(_ text: String) -> Int {
        guard let document = try? YAMLDocument(path: "fuzz.yaml", text: text) else { return -1 }
        var parser = MatrixParser(document: document)
        let configs = parser.parse()
        return parser.problems.count
            + configs.reduce(0) { total, config in
                total + config.seqLens.reduce(0) { $0 + $1.searchSpace.reduce(0) { $0 + $1.concurrency.values().count } }
            }
    }
}
