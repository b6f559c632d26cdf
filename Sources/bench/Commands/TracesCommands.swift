import ArgumentParser
import Foundation
import LoadGen

/// `bench traces synth|stats`: synthetic agentic traces and the distributions of any trace file.
struct TracesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "traces",
        abstract: "Write synthetic agentic (Weka) traces, or print the distributions of a trace file.",
        subcommands: [Synth.self, Stats.self]
    )

    struct Synth: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write synthetic Claude-Code-like traces shaped by the published corpora (docs/agentic.md).")
        @Option(help: "The JSONL file to write.") var out: String
        @Option(help: "How many traces (the published corpus has 393).") var traces = 64
        @Option(help: "The same seed writes the same file.") var seed: UInt64 = 42
        @Option(help: "claude-code (full context) or claude-code-256k (requests over 256k tokens dropped).")
        var profile = SyntheticTraces.Profile.claudeCode

        func validate() throws {
            guard (1...100_000).contains(traces) else { throw ValidationError("--traces must be in 1…100000") }
        }

        func run() throws {
            let lines = SyntheticTraces.generate(count: traces, seed: seed, profile: profile).map(\.jsonLine)
            do {
                try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                Console.error("bench traces synth: cannot write \(out): \(error.localizedDescription)")
                throw ExitCode.failure
            }
            Console.error("bench traces synth: wrote \(traces) traces (\(profile.rawValue), seed \(seed)) to \(out)")
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a trace file's distributions: turns, subagents, tokens, growth, think times, theoretical hit rate.")
        @Argument(help: "A Weka trace JSONL file.") var file: String

        func run() throws {
            do {
                Console.line(TraceStatistics(try AgenticTraceFile.read(URL(fileURLWithPath: file))).summaryText)
            } catch {
                Console.error("bench traces stats: \(error)")
                throw ExitCode.failure
            }
        }
    }
}

extension SyntheticTraces.Profile: ExpressibleByArgument {}
