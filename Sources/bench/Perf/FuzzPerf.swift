import ArgumentParser
import Foundation
import Fuzzing

/// `bench perf fuzz`: seeded mutants fed to every parser of outside input (docs/reliability.md).
struct FuzzPerf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz",
        abstract:
            "Feed seeded mutations of valid inputs to each parser in process; exit 1 if any input under 64 KiB takes over 100 ms (a crash ends the process)."
    )

    @Option(help: ArgumentHelp("\(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")) or all.")) var target = "all"
    @Option(help: "Inputs per target.") var inputs = 10_000
    @Option(help: "Seed of the mutations (the same seed gives the same inputs).") var seed: UInt64 = 1
    @Option(help: "Folder to write each target's slowest input to (TARGET.slowest), to turn into a regression test.")
    var saveSlowest: String?
    @Option(help: "Time the target's parser on this one saved input (with --target) instead of fuzzing.") var replay: String?

    func validate() throws {
        guard target == "all" || FuzzTarget(rawValue: target) != nil else {
            throw ValidationError("--target \(target) is not one of all, \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if replay != nil, FuzzTarget(rawValue: target) == nil { throw ValidationError("--replay needs one --target") }
        guard inputs >= 1 else { throw ValidationError("--inputs must be at least 1") }
    }

    func run() throws {
        if let replay, let target = FuzzTarget(rawValue: target) {
            let input = try [UInt8](Data(contentsOf: URL(fileURLWithPath: replay)))
            let seconds = try Fuzzer().time(target, input: input)
            Console.line("\(target.rawValue): \(input.count) bytes from \(replay) in \(String(format: "%.2f", seconds * 1000)) ms (best of 5)")
            if input.count < Fuzzer.smallInput, seconds > Fuzzer.slowLimit { throw ExitCode.failure }
            return
        }
        let targets = FuzzTarget(rawValue: target).map { [$0] } ?? FuzzTarget.allCases
        var slow = 0
        for target in targets {
            let report = try Fuzzer().run(target, inputs: inputs, seed: seed)
            if let saveSlowest {
                let folder = URL(fileURLWithPath: saveSlowest)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data(report.slowestInput).write(to: folder.appendingPathComponent("\(target.rawValue).slowest"), options: .atomic)
            }
            Console.line(
                "\(target.rawValue): \(report.inputs) inputs (\(report.accepted) read in part or whole), 0 crashes, slowest \(String(format: "%.2f", report.slowestSeconds * 1000)) ms "
                    + "(\(report.slowestBytes) bytes), \(report.slowInputs) over 100 ms")
            slow += report.slowInputs
        }
        if slow > 0 { throw ExitCode.failure }
    }
}
