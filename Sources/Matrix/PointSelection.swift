/// A point selection as typed (`--filter`, `--seq-lens`, `--min-conc`, `--max-conc`) that did not parse.
public struct PointSelectionError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

extension ExpansionOptions {
    /// The options that select points, read from what the user typed: the one reading that
    /// `bench run`, `submit`, `nightly` and `matrix expand` share. Errors name the option and how to write it.
    public init(
        filters: [String], seqLens: String?, minConc: Int?, maxConc: Int?,
        scenarios: Set<ScenarioType> = Set(ScenarioType.allCases)
    ) throws(PointSelectionError) {
        var parsedFilters: [PointFilter] = []
        for text in filters {
            do { parsedFilters.append(try PointFilter(parsing: text)) } catch {
                throw PointSelectionError(description: "--filter \(text): \(error.description)")
            }
        }
        var wanted: Set<SeqLen>?
        if let seqLens {
            wanted = []
            for item in seqLens.split(separator: ",") {
                guard let seqLen = SeqLen(parsing: String(item)) else {
                    throw PointSelectionError(
                        description: "--seq-lens: cannot read '\(item)'; use names like 1k1k, 1k8k, 8k1k or ISL/OSL like 2048/128")
                }
                wanted?.insert(seqLen)
            }
        }
        self.init(seqLens: wanted, minConc: minConc, maxConc: maxConc, filters: parsedFilters, scenarios: scenarios)
    }
}
