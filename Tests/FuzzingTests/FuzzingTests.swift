import Fuzzing
import Testing

/// Every parser of outside input on a few thousand seeded mutants: no trap (a trap would end
/// the test process) and no input under 64 KiB slower than 100 ms.
@Suite struct FuzzingTests {
    @Test(arguments: FuzzTarget.allCases)
    func aFewThousandMutantsNeitherTrapNorStall(_ target: FuzzTarget) {
        let report = Fuzzer().run(target, inputs: target == .matrix ? 1_000 : 3_000, seed: 17)
        #expect(report.inputs > 0)
        #expect(report.slowInputs == 0, "\(target.rawValue): slowest \(report.slowestSeconds) s on \(report.slowestBytes) bytes")
    }
}
