import Orchestrator
import Testing

@testable import bench

@Suite struct SweepOptionsTests {
    /// What `bench submit` hands its Slurm tasks reads back, through `bench run`'s own parsing, as
    /// the settings submit planned with.
    @Test(arguments: [
        [
            "--engine", "external", "--url", "http://127.0.0.1:9", "--filter", "runner=h200", "--filter", "tp=8", "--seq-lens", "1k1k,8k1k",
            "--min-conc", "4", "--max-conc", "64", "--repeats", "3", "--catalog", "extra.yaml", "--runner-config", "runners.yaml",
        ],
        ["--virtual"],
    ])
    func submitSettingsRoundTripThroughBenchRun(_ options: [String]) throws {
        let submit = try SubmitCommand.parse(["--slurm", "--matrix", "matrices/quickstart.yaml", "matrices/llama70b.yaml"] + options)
        let settings = submit.sweep.settings(matrices: submit.matrices)
        #expect(settings.matrixFiles.allSatisfy { $0.hasPrefix("/") })
        var expected = settings
        // bench run states InferenceX's failure rate where a plan leaves it unset.
        expected.maxFailureRate = SweepSettings.defaultMaxFailureRate
        #expect(try RunCommand.parse(SweepOptions.runArguments(settings)).settings() == expected)
    }

}
