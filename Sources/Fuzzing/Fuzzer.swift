import Foundation

/// Feeds seeded mutants of each target's valid inputs to its parser in process, timing each.
/// A trap ends the process (that is the finding); a slow input is reported.
public struct Fuzzer: Sendable {
    public struct Report: Sendable {
        public var target: FuzzTarget
        public var inputs: Int
        /// The slowest input's best of three timings.
        public var slowestSeconds: Double
        public var slowestBytes: Int
        /// The slowest input itself, to turn into a regression test.
        public var slowestInput: [UInt8] = []
        /// Inputs under `smallInput` bytes that took over `slowLimit`.
        public var slowInputs: Int
        /// Inputs the parser read something from (events, points, a request): how deep the
        /// mutants reach rather than stopping at the first byte.
        public var accepted = 0
    }

    /// Inputs are cut to this size: the "input under 64 KiB" of the slow-input rule.
    public static let smallInput = 64 << 10
    public static let slowLimit = 0.1

    public init() {}

    /// Seconds `target`'s parser takes on one saved input (the best of `tries`).
    public func time(_ target: FuzzTarget, input: [UInt8], tries: Int = 5) throws -> Double {
        Self.timed(try target.harness(), input, tries: tries).seconds
    }

    /// Throws only when the target's harness cannot be set up (`shard-db` writes its seed
    /// databases to a temporary folder).
    public func run(_ target: FuzzTarget, inputs: Int, seed: UInt64) throws -> Report {
        var mutator = Mutator(seed: seed ^ UInt64(FuzzTarget.allCases.firstIndex(of: target)!) << 56)
        let harness = try target.harness()
        let seeds = harness.seeds
        var report = Report(target: target, inputs: 0, slowestSeconds: 0, slowestBytes: 0, slowInputs: 0)
        var sink = 0
        for _ in 0..<inputs {
            let base = seeds[mutator.below(seeds.count)], other = seeds[mutator.below(seeds.count)]
            let input = mutator.mutate(base, other: other, limit: Self.smallInput - 1)
            let first = Self.timed(harness, input, tries: 1), read = first.read
            var seconds = first.seconds
            // One timing on a shared machine can catch a descheduling: a slow-looking input is
            // timed twice more and judged by its best.
            if seconds > Self.slowLimit || seconds > report.slowestSeconds { seconds = min(seconds, Self.timed(harness, input, tries: 2).seconds) }
            sink &+= read
            report.inputs += 1
            if read > 0 { report.accepted += 1 }
            if seconds > report.slowestSeconds { (report.slowestSeconds, report.slowestBytes, report.slowestInput) = (seconds, input.count, input) }
            if seconds > Self.slowLimit { report.slowInputs += 1 }
        }
        if sink == .min { print("") }  // keeps `sink` alive
        return report
    }

    private static func timed(_ harness: FuzzHarness, _ input: [UInt8], tries: Int) -> (seconds: Double, read: Int) {
        var best = Double.infinity, read = 0
        for _ in 0..<max(1, tries) {
            let start = DispatchTime.now().uptimeNanoseconds
            read = harness.parse(input)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return (best, read)
    }
}
