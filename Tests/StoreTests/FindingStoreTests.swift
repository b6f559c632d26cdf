import BenchTesting
import Foundation
import Testing

@testable import Store

@Suite struct FindingStoreTests {
    static func finding(run: Int64, measure: String, verdict: String) -> StoredFinding {
        StoredFinding(
            runID: run,
            series: FindingSeries(
                id: "s", label: "h200 sglang m fp8 1024/128 [nightly/sim/real-time]", model: "m", precision: "fp8",
                isl: 1024, osl: 128, hardware: "h200", framework: "sglang", specDecoding: "none",
                disaggregated: false, lineage: "nightly/sim/real-time"),
            measure: measure, metric: "tput-per-gpu", level: measure.hasSuffix("area") ? nil : 50, verdict: verdict,
            value: 850, baseline: 1000, relativeChange: -0.15, z: -9, shiftRunID: run - 1)
    }

    @Test func annotationsBelongToExistingRunsAndFindingsAreReplacedWhole() throws {
        try withTemporaryStore { store, _ in
            let run = try store.beginRun(NewRun(trigger: "nightly", harnessVersion: "t", host: "h", matrixDigest: "d"))
            #expect(throws: StoreError.noSuchRun(path: store.path, run: run + 1)) { try store.annotate(run: run + 1, text: "x") }
            _ = try store.annotate(run: run, text: "driver 575")
            #expect(try store.annotations().map(\.text) == ["driver 575"])

            let first = [
                Self.finding(run: run, measure: "tput-per-gpu@50", verdict: "suspect"),
                Self.finding(run: run, measure: "tput-per-gpu@area", verdict: "regression"),
            ]
            try store.replaceFindings(first)
            #expect(Set(try store.findings(run: run).map(\.measure)) == ["tput-per-gpu@50", "tput-per-gpu@area"])
            #expect(try store.findings().first { $0.measure == "tput-per-gpu@area" } == first[1])
            try store.replaceFindings([first[0]])
            #expect(try store.findings() == [first[0]], "a scan replaces the previous one's verdicts")
            #expect(try store.findings(run: run + 5).isEmpty)
        }
    }
}
