import BenchTesting
import Fuzzing
import Testing

/// Every parser of outside input on a few thousand seeded mutants: no trap (a trap would end
/// the test process). Slow inputs are checked by `bench perf fuzz` on a release build
/// (docs/reliability.md): debug builds on a loaded machine make a 100 ms rule noise here.
@Suite(.serialized) struct FuzzingTests {
    /// Takes the real-time suites' turn: the mutants load both cores, which skews their timing.
    @Test(arguments: FuzzTarget.allCases)
    func aFewThousandMutantsDoNotTrap(_ target: FuzzTarget) async throws {
        let report = try await realTimeTurn { try Fuzzer().run(target, inputs: target == .matrix ? 200 : 600, seed: 17) }
        #expect(report.inputs == (target == .matrix ? 200 : 600))
        #expect(report.slowestInput.count < Fuzzer.smallInput)
    }
}
