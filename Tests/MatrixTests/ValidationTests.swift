import BenchTesting
import Catalog
import Testing

@testable import Matrix

@Suite struct ValidationTests {
    func errors(_ text: String) throws -> (messages: [String], path: String) {
        let (set, path) = try load(text)
        return (set.errors.map(\.description), path)
    }

    @Test func unknownKeyIsNamedPositionedAndGetsTheNearestValidKey() throws {
        let (messages, path) = try errors(singleNode(["{ tp: 8, conc-strat: 4, conc-end: 8 }"]))
        #expect(messages.contains { $0.hasPrefix("\(path):14:18: error: unknown key 'conc-strat'") && $0.contains("did you mean 'conc-start'?") })
    }

    /// `- { … }:` makes the flow mapping a key. It was reported as Swift's dump of the node (with
    /// a memory address) after an edit distance over that dump (~2 ms a line; found by
    /// `bench perf fuzz --target matrix`): now one positioned error per such key.
    @Test func aMappingUsedAsAKeyIsNamedAsSuch() throws {
        let (messages, path) = try errors(singleNode(Array(repeating: "{ tp: 8, conc-start: 4, conc-end: 8 }:", count: 25)))
        let keyErrors = messages.filter { $0.contains("error: a mapping is used as a key in single-node search-space entry") }
        #expect(keyErrors.count == 25 && keyErrors[0].hasPrefix("\(path):14:"), "\(keyErrors.first ?? "")")
        #expect(!messages.contains { $0.contains("Yams") || $0.contains("unknown key") })
    }

    @Test func unknownConfigKeyAtTopLevelOfAConfig() throws {
        let text = singleNode(["{ tp: 8, conc-start: 4, conc-end: 8 }"]).replacingOccurrences(of: "  framework: sglang", with: "  framwork: sglang")
        let (messages, path) = try errors(text)
        #expect(messages.contains("\(path):7:3: error: unknown key 'framwork' in config 'dsr1-fp8-h200-sglang' (did you mean 'framework'?)"))
        #expect(messages.contains { $0.contains("missing required key 'framework'") })
    }

    @Test func bothConcurrencyFormsIsAnError() throws {
        let (messages, path) = try errors(singleNode(["{ tp: 8, conc-start: 4, conc-end: 8, conc-list: [4] }"]))
        #expect(messages.contains { $0.hasPrefix("\(path):14:46: error:") && $0.contains("both 'conc-list' and 'conc-start'/'conc-end'") })
    }

    @Test func noConcurrencyIsAnError() throws {
        let (messages, _) = try errors(singleNode(["{ tp: 8 }"]))
        #expect(messages.contains { $0.contains("gives no concurrency") && $0.contains("add 'conc-start' and 'conc-end', or 'conc-list") })
    }

    @Test func halfARangeIsAnError() throws {
        let (messages, _) = try errors(singleNode(["{ tp: 8, conc-start: 4 }"]))
        #expect(messages.contains { $0.contains("is missing 'conc-end'") })
    }

    @Test func startAboveEndIsAnError() throws {
        let (messages, path) = try errors(singleNode(["{ tp: 8, conc-start: 64, conc-end: 8 }"]))
        #expect(messages.contains { $0.hasPrefix("\(path):14:18:") && $0.contains("'conc-start' (64) is greater than 'conc-end' (8)") })
    }

    @Test(arguments: [
        "{ tp: 0, conc-start: 4, conc-end: 8 }", "{ tp: 8, conc-start: -4, conc-end: 8 }",
        "{ tp: 8, conc-list: [4, 0] }", "{ tp: 8, ep: 0, conc-list: [4] }",
    ])
    func nonPositiveNumbersAreErrors(entry: String) throws {
        let (messages, _) = try errors(singleNode([entry]))
        #expect(messages.contains { $0.contains("must be positive") })
    }

    @Test func nonPositiveSequenceLengthIsAnError() throws {
        let (messages, path) = try errors(singleNode(["{ tp: 8, conc-list: [4] }"], isl: 0))
        #expect(messages.contains { $0.hasPrefix("\(path):11:12:") && $0.contains("'isl'") && $0.contains("must be positive") })
    }

    @Test func wrongTypesAreErrors() throws {
        let (messages, _) = try errors(singleNode(["{ tp: eight, dp-attn: maybe, conc-list: 4 }"]))
        #expect(messages.contains { $0.contains("'tp'") && $0.contains("must be a whole number, not 'eight'") })
        #expect(messages.contains { $0.contains("'dp-attn'") && $0.contains("must be true or false, not 'maybe'") })
        #expect(messages.contains { $0.contains("'conc-list'") && $0.contains("must be a list of numbers") })
    }

    @Test func duplicateKeysInOneFileAreErrors() throws {
        let entry = ["{ tp: 8, conc-list: [4] }"]
        let (messages, path) = try errors(singleNode(entry) + singleNode(entry))
        #expect(
            messages.contains { $0.hasPrefix("\(path):15:1: error: duplicate key 'dsr1-fp8-h200-sglang'") && $0.contains("first defined at line 1") })
        let (inner, _) = try errors(singleNode(["{ tp: 8, tp: 4, conc-list: [4] }"]))
        #expect(inner.contains { $0.contains("duplicate key 'tp'") })
    }

    @Test func duplicateConfigKeysAcrossFilesAreErrors() throws {
        let text = singleNode(["{ tp: 8, conc-list: [4] }"])
        try withTemporaryDirectory("matrix") { folder in
            let a = try folder.writing(text, to: "a.yaml"), b = try folder.writing(text, to: "b.yaml")
            let set = MatrixSet.load(paths: [a, b])
            #expect(
                set.errors.map(\.description).contains {
                    $0.hasPrefix("\(b):1:1: error: duplicate config key 'dsr1-fp8-h200-sglang'") && $0.contains("also defined at \(a):1:1")
                })
            #expect(set.configs.count == 1)
        }
    }

    @Test func yamlSyntaxErrorsCarryTheirPosition() throws {
        let (messages, path) = try errors("dsr1:\n  image: x\n   model: y\n")
        #expect(messages.count == 1)
        #expect(messages[0].hasPrefix("\(path):3:") && messages[0].contains("YAML syntax error"))
    }

    @Test func unknownSpecDecodingSuggestsAValue() throws {
        let (messages, _) = try errors(singleNode(["{ tp: 8, spec-decoding: mpt, conc-list: [4] }"]))
        #expect(messages.contains { $0.contains("unknown spec-decoding 'mpt'") && $0.contains("did you mean 'mtp'?") })
    }

    @Test func multiNodeKeysInASingleNodeConfigExplainTheFix() throws {
        let (messages, _) = try errors(singleNode(["{ tp: 8, conc-list: [4], prefill: { tp: 4 } }"]))
        #expect(messages.contains { $0.contains("unknown key 'prefill'") && $0.contains("set 'multinode: true'") })
        let flipped = multiNodeConfig.replacingOccurrences(of: "      - spec-decoding: mtp\n", with: "      - spec-decoding: mtp\n        tp: 8\n")
        let (multi, _) = try errors(flipped)
        #expect(multi.contains { $0.contains("unknown key 'tp'") && $0.contains("goes inside the 'prefill:' and 'decode:' blocks") })
    }

    @Test func workerPoolsNeedTheirRequiredKeys() throws {
        let broken = multiNodeConfig.replacingOccurrences(of: "          num-worker: 2\n          tp: 4\n", with: "          tp: 4\n")
        let (messages, _) = try errors(broken)
        #expect(messages.contains { $0.contains("'prefill' of a multi-node search-space entry") && $0.contains("missing required key 'num-worker'") })
    }

    @Test func everyErrorIsListedNotJustTheFirst() throws {
        let text =
            singleNode(["{ tp: 0, conc-list: [4] }", "{ tp: 8, conc-start: 9, conc-end: 2 }", "{ tpp: 8, conc-list: [4] }"])
            + "other:\n  image: x\n"
        let (messages, _) = try errors(text)
        #expect(messages.count >= 5, "\(messages)")
    }

    @Test func emptyAndNonMappingFilesAreErrors() throws {
        #expect(try errors("").messages.first?.contains("the matrix file is empty") == true)
        #expect(try errors("- a\n- b\n").messages.first?.contains("must map config keys to configs") == true)
        #expect(MatrixSet.load(paths: ["/nonexistent.yaml"]).errors.first?.description.contains("cannot read /nonexistent.yaml") == true)
    }

    @Test func unknownRunnerOrModelIsAWarningUntilTheSimMustRunIt() throws {
        let (set, path) = try load(singleNode(["{ tp: 8, conc-list: [4] }"], runner: "tpu-v5"))
        #expect(set.errors.isEmpty)
        let catalog = try Catalog.load()
        let gaps = set.simulatorGaps(catalog: catalog)
        #expect(gaps.count == 1 && gaps[0].severity == .warning)
        #expect(gaps[0].description.hasPrefix("\(path):1:1: warning: runner 'tpu-v5'"))
        #expect(set.simulatorGaps(catalog: catalog, severity: .error)[0].severity == .error)
        let (unknownModel, _) = try load(
            singleNode(["{ tp: 8, conc-list: [4] }"]).replacingOccurrences(of: "model-prefix: dsr1", with: "model-prefix: dsr2")
                .replacingOccurrences(of: "model: deepseek-ai/DeepSeek-R1-0528", with: "model: example/unknown"))
        let modelGap = try #require(unknownModel.simulatorGaps(catalog: catalog).first)
        #expect(modelGap.description.contains("model-prefix 'dsr2'") && modelGap.description.contains("did you mean 'dsr1'?"))
    }
}

@Suite struct ConfigKeyCharacterTests {
    @Test func aKeyThatCouldEndAScriptLineIsAPositionedError() throws {
        let (set, path) = try load(singleNode(["{ tp: 8, conc-start: 4, conc-end: 8 }"], key: #""x\ntouch /tmp/pwned #""#))
        let messages = set.errors.map(\.description)
        #expect(
            messages.contains { $0.hasPrefix("\(path):1:1: error: config key \"x\\ntouch /tmp/pwned #\" has U+000A at character 2") }, "\(messages)")
        for key in ["a$b", "a`b`", "a'b", "a\"b", "a b", "a*", "a;b"] {
            #expect(ConfigKeyCharacters.firstInvalid(in: key) != nil, "\(key)")
        }
        for key in ["dsr1-fp8-h200-sglang", "gptoss_fp4.mi355x+mtp", "Llama70B"] {
            #expect(ConfigKeyCharacters.firstInvalid(in: key) == nil, "\(key)")
        }
    }
}

@Suite struct MatrixNumberBoundsTests {
    @Test func absurdNumbersArePositionedErrorsNotTraps() throws {
        let (set, path) = try load(singleNode(["{ tp: 100000, conc-start: 4, conc-end: 4611686018427387904 }"]))
        let messages = set.errors.map(\.description)
        #expect(
            messages.contains { $0.hasPrefix("\(path):14:") && $0.contains("'tp'") && $0.contains("over the most bench accepts (4096)") },
            "\(messages)")
        #expect(messages.contains { $0.contains("'conc-end'") && $0.contains("over the most bench accepts (16777216)") }, "\(messages)")
        let huge = try load(singleNode(["{ tp: 8, conc-list: [4] }"], isl: 1 << 62))
        #expect(huge.set.errors.contains { $0.description.contains("'isl'") && $0.description.contains("over the most") })
    }

    @Test func doublingUpToIntMaxEnds() {
        let values = Concurrency.doubling(from: 1 << 61, to: .max, step: 2)
        #expect(values == [1 << 61, 1 << 62, .max])
    }
}

/// YAML aliases let a few KB repeat lists many times over (a million points here from ~3 KB): reading
/// stops past the list-item budget with one error instead of expanding them all.
@Suite struct AliasBombTests {
    @Test func aliasesMultiplyingListsStopAtTheBudgetWithOneError() throws {
        let concs = (1...100).map(String.init).joined(separator: ", ")
        let entries = Array(repeating: "*E", count: 100).joined(separator: ", ")
        let blocks = Array(repeating: "*B", count: 99).joined(separator: ", ")
        let text = """
            dsr1-fp8-h200-sglang:
              image: img
              model: deepseek-ai/DeepSeek-R1-0528
              model-prefix: dsr1
              runner: h200
              precision: fp8
              framework: sglang
              multinode: false
              scenarios:
                fixed-seq-len: [&B { isl: 1024, osl: 1024, search-space: [&E { tp: 8, conc-list: [\(concs)] }, \(entries)] }, \(blocks)]
            """
        #expect(text.utf8.count < 4_000)
        let (set, path) = try load(text)
        let budget = set.errors.filter { $0.message.contains("more than 200000 list items") }
        #expect(budget.count == 1 && budget[0].description.hasPrefix(path + ":"), "\(set.errors.prefix(3))")
        #expect(set.expand().count < 300_000)
    }
}

/// A few KB of `{{{{…` overflowed the YAML composer's stack (a segfault found by `bench perf fuzz
/// --target matrix`); nesting past 256 is now a positioned error before parsing.
@Suite struct DeepNestingTests {
    @Test func deepFlowNestingIsAnErrorNotACrash() throws {
        let text = "x:\n  image: " + String(repeating: "{", count: 10_000) + "\n"
        let (set, path) = try load(text)
        let error = try #require(set.errors.first)
        #expect(error.description.hasPrefix("\(path):2:266: error: lists and mappings nest more than 256 deep here"))
        // Nesting a real file uses stays fine.
        #expect(try load(singleNode(["{ tp: 8, conc-list: [[1]] }"])).set.errors.allSatisfy { !$0.message.contains("nest more than") })
    }
}
