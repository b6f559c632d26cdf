import ArgumentParser
import BenchPerf
import Foundation
import Matrix
import Metrics

struct PerfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perf",
        abstract: "Measure bench's own speed; figures go into docs/performance.md.",
        subcommands: [
            MatrixPerf.self, FuzzPerf.self, SimCalibrationPerf.self, SimSweepPerf.self, SimServerPerf.self, LoopbackFloorPerf.self,
            SSEServerPerf.self, ClientPerf.self,
            StorePerf.self,
            DashboardPerf.self,
        ]
    )

    struct MatrixPerf: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "matrix",
            abstract: "Generate a matrix of N points, then time loading, validating and expanding it (target: 10,000 points < 1 s, release build).")

        @Option(help: "Points in the generated matrix (a multiple of 20).") var points: Int = 10_000
        @Option(help: "Repeat the measurement and report the best and median.") var repeats: Int = 5

        func validate() throws {
            guard points >= 20, points % 20 == 0 else { throw ValidationError("--points must be a positive multiple of 20") }
            guard repeats > 0 else { throw ValidationError("--repeats must be positive") }
        }

        func run() throws {
            let text = GeneratedMatrix.text(points: points)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-perf-\(getpid()).yaml").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }

            var milliseconds: [Double] = []
            var expanded = 0
            for _ in 0..<repeats {
                let clock = ContinuousClock()
                let start = clock.now
                let set = MatrixSet.load(paths: [path])
                guard set.errors.isEmpty else {
                    Console.report(set.errors)
                    throw ExitCode.failure
                }
                expanded = set.expand().count
                milliseconds.append((clock.now - start) / .milliseconds(1))
            }
            guard expanded == points else {
                Console.error("error: generated matrix expanded to \(expanded) points, expected \(points)")
                throw ExitCode.failure
            }
            let best = milliseconds.min() ?? .nan, median = Distribution.median(milliseconds) ?? .nan
            let lines = text.reduce(into: 0) { count, c in if c == "\n" { count += 1 } }
            Console.write(
                """
                matrix: \(points) points, \(points / 20) configs, \(lines) lines, \(text.utf8.count / 1024) KiB
                load+validate+expand: best \(String(format: "%.1f", best)) ms, median \(String(format: "%.1f", median)) ms over \(repeats) runs
                target: < 1000 ms (release build) -> \(median < 1000 ? "met" : "NOT met")

                """)
        }
    }
}
