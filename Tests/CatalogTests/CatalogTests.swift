import BenchTesting
import Catalog
import Foundation
import Testing

@Suite struct BundledCatalogTests {
    let catalog = try! Catalog.load()

    @Test func everyAnchorGPUIsPresentWithItsFigures() throws {
        // (name, BF16, FP8, FP4, HBM GB, TB/s, scale-up GB/s, domain, TDP W, all-in kW, $ hyperscaler/neocloud/3yr)
        let anchors: [(String, Double, Double, Double?, Double, Double, Double, Int, Double, Double, [Double])] = [
            ("h100", 989, 1979, nil, 80, 3.35, 450, 8, 700, 1.73, [1.30, 1.69, 1.30]),
            ("h200", 989, 1979, nil, 141, 4.8, 450, 8, 700, 1.73, [1.41, 1.74, 1.60]),
            ("b200", 2250, 4500, 9000, 180, 8.0, 900, 8, 1000, 2.17, [1.95, 2.34, 2.90]),
            ("gb200", 2500, 5000, 10000, 192, 8.0, 900, 72, 1200, 2.10, [2.21, 2.75, 3.30]),
            ("b300", 2250, 4500, 13500, 288, 8.0, 900, 8, 1100, 2.17, [2.34, 2.81, 3.48]),
            ("gb300", 2500, 5000, 15000, 288, 8.0, 900, 72, 1400, 2.10, [2.65, 3.30, 3.96]),
            ("mi300x", 1307, 2615, nil, 192, 5.3, 448, 8, 750, 1.79, [1.12, 1.40, 1.55]),
            ("mi325x", 1307, 2615, nil, 256, 6.0, 448, 8, 1000, 2.18, [1.28, 1.59, 1.80]),
            ("mi355x", 2516, 5033, 10066, 288, 8.0, 537.6, 8, 1400, 2.65, [1.48, 1.90, 2.10]),
            // Datasheet figures; cost and all-in power are labelled estimates (no SemiAnalysis TCO row).
            ("rtx6000pro", 500, 1000, 2000, 96, 1.792, 64, 8, 600, 1.45, [0.85, 1.10, 0.95]),
        ]
        #expect(catalog.hardware.count == anchors.count)
        for a in anchors {
            let spec = try #require(catalog.hardware[a.0], "missing \(a.0)")
            #expect(spec.bf16TFLOPs == a.1 && spec.fp8TFLOPs == a.2 && spec.fp4TFLOPs == a.3, "\(a.0) compute")
            #expect(spec.hbmGB == a.4 && spec.hbmTBps == a.5, "\(a.0) memory")
            #expect(spec.scaleUpGBps == a.6 && spec.scaleUpDomain == a.7, "\(a.0) scale-up")
            #expect(spec.tdpW == a.8 && spec.allInKW == a.9, "\(a.0) power")
            let cost = spec.usdPerGPUHour
            #expect([cost.hyperscaler, cost.neocloud, cost.rental3yr] == a.10, "\(a.0) cost")
        }
    }

    @Test func everyFigureGroupNamesItsSource() {
        for spec in catalog.hardware.values {
            for group in HardwareSpec.requiredSourceGroups {
                #expect(!(spec.sources[group] ?? "").isEmpty, "\(spec.name) has no source for \(group)")
            }
        }
        for spec in catalog.models.values {
            for group in ModelSpec.requiredSourceGroups {
                #expect(!(spec.sources[group] ?? "").isEmpty, "\(spec.name) has no source for \(group)")
            }
        }
    }

    @Test func modelFiguresMatchAnchors() throws {
        let dsr1 = try #require(catalog.model(named: "dsr1"))
        #expect(dsr1.layers == 61 && dsr1.hidden == 7168 && dsr1.moe?.routedExperts == 256 && dsr1.moe?.topK == 8)
        #expect(dsr1.kvBytesPerToken.bf16 == (512 + 64) * 61 * 2)
        let llama = try #require(catalog.model(named: "llama70b"))
        #expect(llama.kvBytesPerToken.bf16 == 320 * 1024 && llama.kvBytesPerToken.fp8 == 160 * 1024)
        let gptoss = try #require(catalog.model(named: "gptoss"))
        #expect(gptoss.kvBytesPerToken.bf16 == 36 * 1024 && gptoss.moe?.routedExperts == 128)
        #expect(catalog.model(named: "deepseek-ai/DeepSeek-R1-0528")?.name == "dsr1")
    }

    @Test(arguments: [
        ("h200", "h200"), ("b200-multinode", "b200"), ("mi355x-disagg", "mi355x"),
        ("GB200-NVL72", "gb200"), ("h200-trt", "h200"),
    ])
    func runnerNamesResolveToHardware(runner: String, expected: String) {
        #expect(catalog.hardware(forRunner: runner)?.name == expected)
    }

    @Test func unknownRunnerResolvesToNothing() {
        #expect(catalog.hardware(forRunner: "tpu-v5") == nil)
    }

    /// Hopper has no FP4 tensor cores: engines run 4-bit weights as W4A16, at the BF16 rate.
    @Test func peakFallsBackToBF16WithoutNativeFP4() throws {
        #expect(try #require(catalog.hardware["h100"]).peakTFLOPs(precision: "fp4") == 989)
        #expect(try #require(catalog.hardware["b200"]).peakTFLOPs(precision: "fp4") == 9000)
    }
}

@Suite struct UserCatalogTests {
    @Test func overlayOverridesOneFieldAndKeepsTheRest() throws {
        try withTemporaryDirectory("catalog") { folder in
            let path = try folder.writing(
                """
                hardware:
                  h100:
                    tdp-w: 650
                    usd-per-gpu-hour: { neocloud: 2.00 }
                """, to: "catalog.yaml")
            let catalog = try Catalog.load(userFile: path)
            let h100 = try #require(catalog.hardware["h100"])
            #expect(h100.tdpW == 650)
            #expect(h100.usdPerGPUHour.neocloud == 2.00)
            #expect(h100.usdPerGPUHour.hyperscaler == 1.30)
            #expect(h100.hbmGB == 80)
        }
    }

    @Test func overlayAddsACompleteNewEntry() throws {
        let h200 = try #require(try Catalog.load().hardware["h200"])
        try withTemporaryDirectory("catalog") { folder in
            let path = try folder.writing(
                """
                hardware:
                  h20:
                    display-name: NVIDIA H20
                    vendor: nvidia
                    generation: hopper
                    aliases: []
                    bf16-tflops: 148
                    fp8-tflops: 296
                    hbm-gb: 96
                    hbm-tbps: 4.0
                    scale-up-gbps: 450
                    scale-up-link: NVLink 4
                    scale-up-domain: 8
                    scale-out-gbps: 50
                    tdp-w: 400
                    all-in-kw: 1.2
                    usd-per-gpu-hour: { hyperscaler: 0.9, neocloud: 1.1, rental-3yr: 1.0 }
                    sources: { compute: test }
                """, to: "catalog.yaml")
            let catalog = try Catalog.load(userFile: path)
            #expect(catalog.hardware(forRunner: "h20-multinode")?.hbmGB == 96)
            #expect(catalog.hardware["h200"] == h200)
        }
    }

    @Test func efficiencyOverlayChangesOneVendorsFactors() throws {
        try withTemporaryDirectory("catalog") { folder in
            let path = try folder.writing(
                """
                efficiency:
                  hopper: { hbm: 0.68 }
                """, to: "efficiency.yaml")
            let catalog = try Catalog.load(userFile: path)
            let h200 = try #require(catalog.hardware["h200"])
            #expect(catalog.efficiency(for: h200)?.hbm == 0.68)
            #expect(catalog.efficiency["blackwell"] == (try Catalog.load().efficiency["blackwell"]))
            let typo = try folder.writing(
                """
                efficiency:
                  hopper: { hmb: 0.68 }
                """, to: "typo.yaml")
            #expect { _ = try Catalog.load(userFile: typo) } throws: { "\($0)".contains("did you mean 'hbm'") }
        }
    }

    @Test func incompleteNewEntryNamesTheMissingField() throws {
        try withTemporaryDirectory("catalog") { folder in
            let path = try folder.writing(
                """
                hardware:
                  h20:
                    display-name: NVIDIA H20
                """, to: "catalog.yaml")
            let error = try #require(throws: DiagnosticsError.self) { try Catalog.load(userFile: path) }
            #expect(error.description.contains("hardware 'h20': missing field"))
            #expect(error.description.contains("\(path):2:3"))
        }
    }

    @Test func misspelledFieldIsAnErrorWithASuggestion() throws {
        try withTemporaryDirectory("catalog") { folder in
            let path = try folder.writing(
                """
                hardware:
                  h100:
                    tdp-watts: 650
                """, to: "catalog.yaml")
            let error = try #require(throws: DiagnosticsError.self) { try Catalog.load(userFile: path) }
            #expect(error.description.contains("\(path):3:5: error: unknown field 'tdp-watts' in hardware 'h100' (did you mean 'tdp-w'?)"))
        }
    }

    /// An efficiency overlay the simulator cannot use (a negative floor, a share of peak above 1.5)
    /// is refused with the field, its value and the range.
    @Test func outOfRangeEfficiencyIsAnError() throws {
        try withTemporaryDirectory("catalog") { folder in
            let path = try folder.writing(
                """
                efficiency:
                  hopper:
                    layer-floor-us: -5
                    hbm: 3
                """, to: "catalog.yaml")
            let error = try #require(throws: DiagnosticsError.self) { try Catalog.load(userFile: path) }
            #expect(error.description.contains("efficiency 'hopper': hbm 3.0 (a share of peak, above 0 and at most 1.5)"))
            #expect(error.description.contains("efficiency 'hopper': layer-floor-us -5.0 (microseconds, 0 to 1,000,000)"))
        }
    }

    @Test func unknownSectionAndSyntaxErrorsArePositioned() throws {
        try withTemporaryDirectory("catalog") { folder in
            let badSection = try folder.writing("hardwares:\n  h100: { tdp-w: 1 }\n", to: "section.yaml")
            let sectionError = try #require(throws: DiagnosticsError.self) { try Catalog.load(userFile: badSection) }
            #expect(sectionError.description.contains("\(badSection):1:1: error: unknown section 'hardwares'"))
            #expect(sectionError.description.contains("did you mean 'hardware'?"))

            let badSyntax = try folder.writing("hardware:\n  h100: [unclosed\n", to: "syntax.yaml")
            let syntaxError = try #require(throws: DiagnosticsError.self) { try Catalog.load(userFile: badSyntax) }
            #expect(syntaxError.description.contains("\(badSyntax):3:"))
            #expect(syntaxError.description.contains("YAML syntax error"))
        }
    }

    @Test func missingFileIsAClearError() {
        #expect(throws: DiagnosticsError.self) { try Catalog.load(userFile: "/nonexistent/catalog.yaml") }
    }
}

@Suite struct NearestKeyTests {
    @Test(arguments: [
        ("conc-strat", "conc-start"), ("framwork", "framework"), ("mpt", "mtp"), ("tdp-watts", "tdp-w"),
        ("runer", "runner"), ("hardwares", "hardware"),
    ])
    func typosGetTheIntendedKey(typo: String, intended: String) {
        #expect(
            nearestKey(to: typo, in: ["conc-start", "conc-end", "framework", "mtp", "none", "tdp-w", "runner", "hardware", "models"]) == intended)
    }

    @Test func unrelatedShortNamesGetNoSuggestion() {
        #expect(nearestKey(to: "dsv4", in: ["dsr1", "gptoss", "llama70b"]) == nil)
        #expect(nearestKey(to: "zzz", in: ["tp", "ep"]) == nil)
        // Past 64 characters only the prefix rule runs (an edit distance per candidate cost ~2 ms a key).
        #expect(nearestKey(to: "framework" + String(repeating: "x", count: 60), in: ["framework", "frame"]) == "framework")
        #expect(nearestKey(to: "{ tp: 8, conc-start: 4, conc-end: 64, ep: 8, dp-attn: true, spec-decoding: mtp }", in: ["tp", "conc-start"]) == nil)
    }
}
