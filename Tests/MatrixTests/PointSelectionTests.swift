import Matrix
import Testing

@Suite struct PointSelectionTests {
    @Test func typedSelectionBecomesExpansionOptions() throws {
        let options = try ExpansionOptions(filters: ["runner=h200,b200"], seqLens: "1k1k,2048/128", minConc: 4, maxConc: 64)
        #expect(options.filters == [try PointFilter(parsing: "runner=h200,b200")])
        #expect(options.seqLens == [SeqLen(isl: 1024, osl: 1024), SeqLen(isl: 2048, osl: 128)])
        #expect(options.minConc == 4 && options.maxConc == 64 && options.scenarios == Set(ScenarioType.allCases))
    }

    /// Each error names the option it came from and how to write it.
    @Test func errorsNameTheOption() {
        #expect { try ExpansionOptions(filters: ["runner"], seqLens: nil, minConc: nil, maxConc: nil) } throws: { error in
            "\(error)".hasPrefix("--filter runner: ") && "\(error)".contains("KEY=VALUE")
        }
        #expect { try ExpansionOptions(filters: [], seqLens: "1k1k,huge", minConc: nil, maxConc: nil) } throws: { error in
            "\(error)".hasPrefix("--seq-lens: cannot read 'huge'")
        }
    }
}
