import ArgumentParser
import Foundation
import Fuzzing

/// `bench perf fuzz`: seeded mutants fed to every parser of outside input (docs/reliability.md).
struct FuzzPerf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz",
        abstract: "Feed seeded mutations of valid inputs to each parser in process; exit 1 if any input under 64 KiB takes over 100 ms (a crash ends the process).")

    @Option(help: "sse, http-response, completion-request, token-prompt, matrix, result-file or all.") var target = "all"
    @Option(help: "Inputs per target.") var inputs = 10_000
    @Option(help: "Seed of the mutations (the same seed gives the same inputs).") var seed: UInt64 = 1

    func validate() throws {
        guard target == "all" || FuzzTarget(rawValue: target) != nil else {
            throw ValidationError("--target \(target) is not one of all, \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard inputs >= 1 else { throw ValidationError("--inputs must be at least 1") }
    }

    func run() throws {
        let targets = FuzzTarget(rawValue: target).map { [$0] } ?? FuzzTarget.allCases
        var slow = 0
        for target in targets {
            let report = Fuzzer().run(target, inputs: inputs, seed: seed)
            Console.line("\(target.rawValue): \(report.inputs) inputs, 0 crashes, slowest \(String(format: "%.2f", report.slowestSeconds * 1000)) ms "
                         + "(\(report.slowestBytes) bytes), \(report.slowInputs) over 100 ms")
            slow += report.slowInputs
        }
        if slow > 0 { throw ExitCode(1) }
    }
}
