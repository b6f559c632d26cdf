import Analysis
import ArgumentParser
import Dashboard
import Foundation
import Matrix
import Store

/// Which series a command reads: `KEY=VALUE` terms (alternatives with commas, `*`/`?` wildcards)
/// over the series keys, all of which must match.
struct SeriesSelection {
    static let keys = ["model", "precision", "isl", "osl", "hardware", "framework", "spec-decoding", "disagg", "run"]
    var terms: [(key: String, alternatives: [String])]

    /// `text` holds terms separated by spaces or semicolons: `hardware=b200 framework=sglang`.
    init(_ texts: [String], option: String) throws {
        terms = []
        for text in texts {
            for term in text.split(whereSeparator: { $0 == " " || $0 == ";" }) {
                let parts = term.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, Self.keys.contains(parts[0]), !parts[1].isEmpty else {
                    throw ValidationError("\(option) '\(term)': write KEY=VALUE with KEY one of \(Self.keys.joined(separator: ", "))")
                }
                terms.append((parts[0], parts[1].split(separator: ",").map(String.init)))
            }
        }
    }

    func matches(_ series: SeriesKey) -> Bool {
        let fields = Dictionary(uniqueKeysWithValues: series.fields)
        return terms.allSatisfy { term in term.alternatives.contains { Glob.matches($0, fields[term.key] ?? "") } }
    }
}

/// The stored points the analysis reads (Dashboard.StoredAnalysisPoints), or exit 1 with the store's message.
func loadAnalysisPoints(_ store: ResultStore) throws -> [AnalysisPoint] {
    try storeCall { () throws(StoreError) in try StoredAnalysisPoints.load(store) }
}

extension XMetric: ExpressibleByArgument {}
extension YMetric: ExpressibleByArgument {}
