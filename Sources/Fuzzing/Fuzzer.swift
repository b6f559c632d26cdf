import Foundation

/// Feeds seeded mutants of each target's valid inputs to its parser in process, timing each.
/// A trap ends the process (that is the finding); a slow input is reported.
public struct Fuzzer: Sendable {
    public struct Report: Sendable {
        public var target: FuzzTarget
        public var inputs: Int
        public var slowestSeconds: Double
        public var slowestBytes: Int
        /// The slowest input itself, to turn into a regression test.
        public var slowestInput: [UInt8] = []
        /// Inputs under `smallInput` bytes that took over `slowLimit`.
        public var slowInputs: Int
    }

    /// Inputs are cut to this size: the "input under 64 KiB" of the slow-input rule.
    public static let smallInput = 64 << 10
    public static let slowLimit = 0.1

    public init() {}

    public func run(_ target: FuzzTarget, inputs: Int, seed: UInt64) -> Report {
        var mutator = Mutator(seed: seed ^ UInt64(FuzzTarget.allCases.firstIndex(of: target)!) << 56)
        let seeds = target.seeds.map { Array($0.utf8) }
        var report = Report(target: target, inputs: 0, slowestSeconds: 0, slowestBytes: 0, slowInputs: 0)
        var sink = 0
        for _ in 0..<inputs {
            let base = seeds[mutator.below(seeds.count)], other = seeds[mutator.below(seeds.count)]
            let input = mutator.mutate(base, other: other, limit: Self.smallInput - 1)
            let start = DispatchTime.now().uptimeNanoseconds
            sink &+= target.parse(input)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            report.inputs += 1
            if seconds > report.slowestSeconds { (report.slowestSeconds, report.slowestBytes, report.slowestInput) = (seconds, input.count, input) }
            if seconds > Self.slowLimit { report.slowInputs += 1 }
        }
        if sink == .min { print("") }  // keeps `sink` alive
        return report
    }
}
