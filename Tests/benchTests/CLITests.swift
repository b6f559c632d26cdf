import BenchTesting
import Foundation
import Testing

@Suite struct CLITests {
    @Test func validateAcceptsTheBundledMatrices() throws {
        let result = try BenchProcess.run(["matrix", "validate", "matrices/quickstart.yaml", "matrices/dsr1-fp8.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "ok: 9 configs, 44 deployments, 197 points\n")
    }

    @Test func validateListsEveryErrorAndFails() throws {
        try withTemporaryDirectory("cli") { folder in
            let path = try folder.writing(
                """
                a:
                  image: x
                  model: y
                  model-prefix: dsr1
                  runner: h200
                  precision: fp8
                  framework: sglang
                  multinode: false
                  scenarios:
                    fixed-seq-len:
                    - isl: 1024
                      osl: 1024
                      search-space:
                      - { tp: 8, conc-start: 8, conc-end: 4 }
                      - { tp: 8, conc-lst: [4] }
                """, to: "matrix.yaml")
            let result = try BenchProcess.run(["matrix", "validate", path])
            #expect(result.status == 1)
            #expect(result.stderr.contains("\(path):14:18: error: 'conc-start' (8) is greater than 'conc-end' (4)"))
            #expect(result.stderr.contains("\(path):15:18: error: unknown key 'conc-lst'"))
            #expect(result.stderr.contains("did you mean 'conc-list'?"))
            #expect(result.stderr.contains("errors in \(path)"))
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func expandRefusesAnInvalidMatrix() throws {
        try withTemporaryDirectory("cli") { folder in
            let result = try BenchProcess.run(["matrix", "expand", try folder.writing("a:\n  image: [\n", to: "matrix.yaml"), "--format", "json"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("YAML syntax error"))
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func expandWritesJSONWithFiltersAndLimits() throws {
        let result = try BenchProcess.run([
            "matrix", "expand", "matrices/dsr1-fp8.yaml", "--filter", "hardware=h200,b200",
            "--filter", "dp-attn=true", "--seq-lens", "1k1k,8k1k", "--max-conc", "256",
            "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let records = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(records.count == 2 * 2 * 3, "2 GPUs x 2 seq-lens x concurrency 64, 128, 256")
        #expect(Set(records.compactMap { $0["hardware"] as? String }) == ["h200", "b200"])
        #expect(records.allSatisfy { ($0["conc"] as? Int ?? 0) <= 256 && $0["dp-attn"] as? Bool == true })
    }

    @Test func expandWritesGitHubActionsRows() throws {
        let result = try BenchProcess.run(["matrix", "expand", "matrices/dsr1-gb200-disagg.yaml", "--format", "github-actions"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 4)
        #expect(rows[0]["conc"] as? [Int] == [4, 8, 16, 32, 64])
    }

    @Test func badOptionsAreRejectedWithTheFix() throws {
        let filter = try BenchProcess.run(["matrix", "expand", "matrices/quickstart.yaml", "--filter", "gpu=8"])
        #expect(filter.status != 0 && filter.stderr.contains("unknown filter key 'gpu'") && filter.stderr.contains("did you mean 'gpus'?"))
        let seqLens = try BenchProcess.run(["matrix", "expand", "matrices/quickstart.yaml", "--seq-lens", "huge"])
        #expect(seqLens.status != 0 && seqLens.stderr.contains("--seq-lens: cannot read 'huge'"))
        let conc = try BenchProcess.run(["matrix", "expand", "matrices/quickstart.yaml", "--max-conc", "0"])
        #expect(conc.status != 0 && conc.stderr.contains("--max-conc must be positive"))
    }

    @Test func unknownRunnerIsAnErrorWithTheFix() throws {
        let text = try String(contentsOf: BenchProcess.repositoryRoot.appendingPathComponent("matrices/quickstart.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "runner: b200", with: "runner: tpu-v5")
        try withTemporaryDirectory("cli") { folder in
            let path = try folder.writing(text, to: "matrix.yaml")
            let result = try BenchProcess.run(["matrix", "expand", path, "--format", "csv"])
            #expect(result.status == 1)
            #expect(
                result.stderr.contains(
                    "error: runner 'tpu-v5' of 'dsr1-fp8-b200-sglang-quickstart' is neither a label of bench's built-in runner table nor a GPU bench knows"
                ))
            #expect(result.stderr.contains("pass --runner-config FILE"))
            #expect(result.stdout.isEmpty)
            // With a runners.yaml that has the label, it expands (the simulator cannot run it: a warning).
            let runners = try folder.writing("labels:\n  tpu-v5: [tpu-v5-pod_00]\n", to: "labels.yaml")
            let labelled = try BenchProcess.run(["matrix", "expand", path, "--format", "csv", "--runner-config", runners])
            #expect(labelled.status == 0 && labelled.stderr.contains("warning: runner 'tpu-v5'"))
            #expect(labelled.stdout.split(separator: "\n").count == 1 + 5)
        }
    }

    @Test func catalogListAndShow() throws {
        let list = try BenchProcess.run(["catalog", "list"])
        #expect(list.status == 0)
        for name in ["h100", "h200", "b200", "gb200", "b300", "gb300", "mi300x", "mi325x", "mi355x", "dsr1", "llama70b", "gptoss"] {
            #expect(list.stdout.contains("\n\(name) "), "\(name) missing from catalog list")
        }
        let show = try BenchProcess.run(["catalog", "show", "mi355x-disagg"])
        #expect(show.status == 0 && show.stdout.contains("537.6 GB/s") && show.stdout.contains("sources:"))
        let missing = try BenchProcess.run(["catalog", "show", "h300"])
        #expect(missing.status == 1 && missing.stderr.contains("'h300' is not in the catalog"))
    }

    @Test func catalogFileOverridesAFigure() throws {
        try withTemporaryDirectory("cli") { folder in
            let show = try BenchProcess.run([
                "catalog", "show", "h200", "--catalog", try folder.writing("hardware:\n  h200:\n    tdp-w: 650\n", to: "catalog.yaml"),
            ])
            #expect(show.status == 0 && show.stdout.contains("TDP:                 650 W"))
        }
    }

    @Test func perfMatrixReportsItsFigure() throws {
        let result = try BenchProcess.run(["perf", "matrix", "--points", "200", "--repeats", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("matrix: 200 points, 10 configs"))
        #expect(result.stdout.contains("load+validate+expand: best"))
    }

    /// The quickstart's five points simulated in parallel, with the target judged on the wall time.
    @Test func perfSimSweepSimulatesEveryPointAndJudgesItsTarget() throws {
        let result = try BenchProcess.run(["perf", "sim-sweep", "--matrix", "matrices/quickstart.yaml", "--target", "600"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("5 points of 2 deployments simulated in") && result.stdout.contains("0 failed"), "\(result.stdout)")
        #expect(result.stdout.contains("target: under 600 s -> met"))
        let tight = try BenchProcess.run(["perf", "sim-sweep", "--matrix", "matrices/quickstart.yaml", "--target", "0.000001"])
        #expect(tight.status == 1 && tight.stdout.contains("-> NOT met"))
    }
}

/// InferenceX's current format from the command line: --runner-config, --scenario, agentic points skipped by bench run.
@Suite struct InferenceXFormatCLITests {
    let shapes = BenchProcess.repositoryRoot.appendingPathComponent("Tests/MatrixTests/Fixtures/conformance/shapes.yaml").path
    let runners = BenchProcess.repositoryRoot.appendingPathComponent("Tests/MatrixTests/Fixtures/conformance/runners.yaml").path

    @Test func validateCountsBothScenarioTypes() throws {
        let result = try BenchProcess.run(["matrix", "validate", shapes, "--runner-config", runners])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ok: 5 configs") && result.stdout.contains(", 12 points, 7 agentic-coding points"))
    }

    @Test func scenarioSelectsTheRowsOfOneType() throws {
        let agentic = try BenchProcess.run([
            "matrix", "expand", shapes, "--runner-config", runners, "--scenario", "agentic-coding",
            "--format", "github-actions",
        ])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(agentic.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 7 && rows.allSatisfy { $0["scenario-type"] as? String == "agentic-coding" })
        #expect(rows.compactMap { $0["total-cpu-dram-gb"] as? Int }.sorted() == [0, 0, 0, 225, 225, 1199, 1199])
        let fixed = try BenchProcess.run(["matrix", "expand", shapes, "--runner-config", runners, "--scenario", "fixed-seq-len", "--format", "json"])
        let records = try #require(try JSONSerialization.jsonObject(with: Data(fixed.stdout.utf8)) as? [[String: Any]])
        #expect(records.count == 12 && records.allSatisfy { $0["scenario-type"] as? String == "fixed-seq-len" })
        let wrong = try BenchProcess.run(["matrix", "expand", shapes, "--scenario", "agentic"])
        #expect(wrong.status != 0 && wrong.stderr.contains("agentic-coding"))
    }

    @Test func dryRunListsAgenticPointsAsSkippedWithTheReason() throws {
        let result = try withTemporaryDirectory("dry-run") { folder in
            try BenchProcess.run([
                "run", "--matrix", shapes, "--runner-config", runners, "--virtual", "--dry-run",
                "--db", folder.appendingPathComponent("bench.sqlite").path,
            ])
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("skipped 7 agentic-coding points of 2 configs: agentic-coding: trace replay runs only when asked for (pass --scenario agentic-coding)"))
    }

    @Test func aBrokenRunnerConfigStopsWithItsPosition() throws {
        try withTemporaryDirectory("cli") { folder in
            let path = try folder.writing("labels:\n  h200: oops\n", to: "runners.yaml")
            let result = try BenchProcess.run(["matrix", "validate", shapes, "--runner-config", path])
            #expect(result.status == 1 && result.stderr.contains("\(path):2:9: error: runner label 'h200' must be a non-empty list of machine names"))
        }
    }
}
