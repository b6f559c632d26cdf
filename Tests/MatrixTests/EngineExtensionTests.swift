import Testing

@testable import Matrix

@Suite struct EngineExtensionTests {
    @Test func xBenchGivesMatchingConfigsTheirFlagsAndEnvironment() throws {
        let text =
            singleNode(["{ tp: 8, conc-list: [4] }"]) + singleNode(["{ tp: 4, conc-list: [4] }"], key: "dsr1-fp8-b200-sglang", runner: "b200") + """
                x-bench:
                  engine-args:
                    dsr1-fp8-*: ["--mem-fraction-static", "0.88"]
                    dsr1-fp8-b200-sglang: --enable-torch-compile
                  engine-env:
                    "*-b200-*": { SGLANG_ENABLE_JIT_DEEPGEMM: "1" }
                """
        let (set, _) = try load(text)
        #expect(set.errors.isEmpty && set.warnings.isEmpty, "\(set.diagnostics)")
        #expect(set.configs.count == 2, "x-bench is not a config")
        let h200 = set.engineExtras(forConfig: "dsr1-fp8-h200-sglang")
        #expect(h200.arguments == ["--mem-fraction-static", "0.88"] && h200.environment.isEmpty)
        let b200 = set.engineExtras(forConfig: "dsr1-fp8-b200-sglang")
        #expect(b200.arguments == ["--mem-fraction-static", "0.88", "--enable-torch-compile"])
        #expect(b200.environment == ["SGLANG_ENABLE_JIT_DEEPGEMM": "1"])
    }

    @Test func mistakesInXBenchArePositionedErrorsAndStrayPatternsWarn() throws {
        let text =
            singleNode(["{ tp: 8, conc-list: [4] }"]) + """
                x-bench:
                  engine-argz:
                    x: ["a"]
                  engine-env:
                    dsr1-fp8-h200-sglang: ["not", "a", "mapping"]
                    nothing-matches-*: { A: "1" }
                """
        let (set, path) = try load(text)
        let messages = set.diagnostics.map(\.description)
        #expect(
            messages.contains {
                $0.contains(path) && $0.contains("unknown key 'engine-argz' in 'x-bench'") && $0.contains("did you mean 'engine-args'")
            })
        #expect(messages.contains { $0.contains("engine-env 'dsr1-fp8-h200-sglang' must be a mapping") })
        #expect(set.warnings.contains { $0.description.contains("x-bench pattern 'nothing-matches-*' matches no config") })
    }
}
