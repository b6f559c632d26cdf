import BenchTesting
import Foundation
import SimServer
import Testing

/// `bench run` end to end: real engines launched as processes, real HTTP, a real database.
@Suite struct RunCommandTests {
    static func matrix(concs: [Int], isl: Int = 64, osl: Int = 8, tp: Int = 8) -> String {
        FixtureConfig.matrix(
            [
                FixtureConfig(
                    key: "tiny-llama", runner: "h200", framework: "vllm",
                    entries: ["{ tp: \(tp), conc-list: [\(concs.map(String.init).joined(separator: ", "))] }"])
            ],
            isl: isl, osl: osl)
    }

    static func csvRows(db: String) throws -> [[String: String]] {
        CSVTable.rows(try BenchProcess.run(["export", "--csv", "-", "--db", db]).stdout)
    }

    @Test func aSweepOnTheSimulatedEngineStoresEveryPointWithItsCommandAndLog() async throws {
        try await withTemporaryDirectory("run") { folder in
            try await realTimeTurn {
                let matrix = folder.appendingPathComponent("m.yaml").path
                try Self.matrix(concs: [2, 1]).write(toFile: matrix, atomically: true, encoding: .utf8)
                let db = folder.appendingPathComponent("bench.sqlite").path, logs = folder.appendingPathComponent("logs").path
                let result = try BenchProcess.run([
                    "run", "--matrix", matrix, "--db", db, "--logs", logs, "--num-prompts-per-conc", "2",
                    "--num-warmups-per-conc", "1",
                ])
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stderr.contains("run 1 finished: 2 points stored, 0 failed"))
                // The sweep ends with the dashboard, beside the database given with --db.
                #expect(result.stderr.contains("bench run: dashboard (1 view, 2 points): \(folder.path)/dashboard-static/index.html"))
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("dashboard-static/index.html").path))
                let rows = try Self.csvRows(db: db)
                #expect(rows.map { $0["conc"] } == ["1", "2"])
                #expect(rows.allSatisfy { $0["status"] == "ok" && $0["completed"] == String(2 * Int($0["conc"]!)!) && $0["avg_power_w"] == "" })
                let show = try BenchProcess.run(["runs", "show", "1", "--db", db])
                #expect(show.stdout.contains("serve-sim --host 127.0.0.1 --port"))
                #expect(show.stdout.contains("--hardware h200 --model meta-llama/Llama-3.3-70B-Instruct"))
                let log = try FileManager.default.contentsOfDirectory(atPath: logs + "/1").filter { $0.hasSuffix(".log") }
                #expect(log.count == 1)
                #expect(try String(contentsOfFile: "\(logs)/1/\(log[0])", encoding: .utf8).contains("bench launches:"))
            }
        }
    }

    @Test func anEngineCrashFailsOnePointAndTheRelaunchFinishesTheSweep() async throws {
        try await withTemporaryDirectory("run") { folder in
            try await realTimeTurn {
                let matrix = folder.appendingPathComponent("m.yaml").path
                try Self.matrix(concs: [1, 2, 3, 4]).write(toFile: matrix, atomically: true, encoding: .utf8)
                let db = folder.appendingPathComponent("bench.sqlite").path
                // One request per conc slot, no warmups: 1 + 2 requests fit, the 6th (in the conc-3 point) crashes
                // the server; the relaunched one serves the conc-4 point's 4.
                let result = try BenchProcess.run([
                    "run", "--matrix", matrix, "--db", db, "--logs", folder.appendingPathComponent("logs").path,
                    "--num-prompts-per-conc", "1", "--num-warmups-per-conc", "0",
                    "--sim-arg=--crash-after-requests", "--sim-arg=5",
                ])
                #expect(result.status == 2, "\(result.stderr)")
                let json = try BenchProcess.run(["runs", "show", "1", "--db", db, "--json"])
                let points = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
                #expect(points.map { $0["status"] as? String } == ["ok", "ok", "failed", "ok"])
                #expect((points[2]["error"] as? String)?.contains("listening on http://127.0.0.1") == true)
                let show = try BenchProcess.run(["runs", "show", "1", "--db", db])
                #expect(show.stdout.contains("exited with status 3 during the point"))
                #expect(result.stderr.contains("launching the engine"))
            }
        }
    }

    /// A store that refuses every point (here a trigger standing in for a full disk) loses each point
    /// it refuses: they count against --max-failures, so the sweep stops instead of running on.
    @Test func aStoreThatRefusesPointsStopsTheSweepAtMaxFailures() throws {
        try withTemporaryDirectory("run") { folder in
            let matrix = folder.appendingPathComponent("m.yaml").path
            try Self.matrix(concs: [1, 2, 4, 8]).write(toFile: matrix, atomically: true, encoding: .utf8)
            let db = folder.appendingPathComponent("bench.sqlite").path
            #expect(try BenchProcess.run(["run", "--matrix", matrix, "--db", db, "--virtual", "--no-dashboard"]).status == 0)
            let sql = "CREATE TRIGGER full BEFORE INSERT ON point BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;"
            let trigger = Process()
            trigger.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            trigger.arguments = [
                "python3", "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.close()", db, sql,
            ]
            try trigger.run()
            #expect(try ChildExit.statusBlocking(trigger) == 0)
            let result = try BenchProcess.run(["run", "--matrix", matrix, "--db", db, "--virtual", "--no-dashboard", "--max-failures", "2"])
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("not stored") && result.stderr.contains("database or disk is full"))
            let runs = try BenchProcess.run(["runs", "list", "--db", db])
            #expect(runs.stdout.contains("aborted"), "\(runs.stdout)")
            #expect(!result.stderr.contains("[3/4]"), "stopped after the second refused point")
        }
    }

    /// InferenceX's failure gate: a point with more than 5% failed requests is stored, with its requests,
    /// as failed with the share as its error, and never reaches a frontier; a looser limit keeps it.
    @Test func aPointAboveTheFailureRateIsFailedAndOffTheFrontier() throws {
        try withTemporaryDirectory("run") { folder in
            let matrix = folder.appendingPathComponent("m.yaml").path
            try Self.matrix(concs: [2]).write(toFile: matrix, atomically: true, encoding: .utf8)
            func sweep(_ db: String, _ extra: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
                try BenchProcess.run(
                    [
                        "run", "--matrix", matrix, "--db", db, "--logs", folder.appendingPathComponent("logs").path,
                        "--num-prompts-per-conc", "10", "--num-warmups-per-conc", "0", "--no-dashboard",
                        "--sim-arg=--fail-rate", "--sim-arg=0.5", "--sim-arg=--seed", "--sim-arg=3",
                    ] + extra)
            }
            let db = folder.appendingPathComponent("gate.sqlite").path
            let gated = try sweep(db, [])
            #expect(gated.status == 2, "\(gated.stderr)")
            let json = try BenchProcess.run(["runs", "show", "1", "--db", db, "--json"])
            let point = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])?.first)
            let failed = try #require(point["failed"] as? Int), completed = try #require(point["completed"] as? Int)
            #expect(point["status"] as? String == "failed" && failed > 1 && failed + completed == 20)
            let share = String(format: "%.1f", Double(failed) / 20 * 100)
            #expect(point["error"] as? String == "\(failed) of 20 requests failed (\(share)%, above the 5% limit)")
            let pareto = try BenchProcess.run(["pareto", "--db", db, "--json"])
            #expect(pareto.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "a failed point is on no frontier")

            let loose = folder.appendingPathComponent("loose.sqlite").path
            #expect(try sweep(loose, ["--max-failure-rate", "0.9"]).status == 0)
            let kept = try BenchProcess.run(["pareto", "--db", loose, "--json"])
            let frontier = try #require(try JSONSerialization.jsonObject(with: Data(kept.stdout.utf8)) as? [[String: Any]])
            #expect(frontier.count == 1 && frontier[0]["conc"] as? Int == 2 && frontier[0]["y"] is Double, "typed JSON: numbers as numbers")
        }
    }

    /// Starts a four-point sweep (~3 s a point: 200 tokens at one H200's TPOT) in the background and
    /// returns once its first point is committed: the bench process, its database and logs arguments (in `folder`).
    static func sweepUnderWay(in folder: URL) async throws -> (process: Process, arguments: [String], logs: String) {
        let matrix = folder.appendingPathComponent("m.yaml").path
        try Self.matrix(concs: [1, 2, 3, 4], osl: 200, tp: 1).write(toFile: matrix, atomically: true, encoding: .utf8)
        let db = folder.appendingPathComponent("bench.sqlite").path, logs = folder.appendingPathComponent("logs").path
        let arguments = ["--db", db, "--logs", logs]
        let process = Process()
        process.executableURL = BenchProcess.executable
        process.arguments = ["run", "--matrix", matrix, "--num-prompts-per-conc", "1", "--num-warmups-per-conc", "0"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The engine's pid file appears once bench has its database and a launched engine.
        try await waitUntil("bench run launching its engine", within: .seconds(120), every: .milliseconds(50)) {
            FileManager.default.fileExists(atPath: "\(logs)/1/engine.pid")
        }
        try await waitUntil("bench run storing its first point", within: .seconds(120), every: .milliseconds(100)) {
            try BenchProcess.run(["export", "--csv", "-"] + arguments.prefix(2)).stdout.split(separator: "\n").count >= 2
        }
        return (process, arguments, logs)
    }

    /// The engine's process group from the pid file's first line.
    static func recordedGroup(_ logs: String) throws -> Int32? {
        try String(contentsOfFile: "\(logs)/1/engine.pid", encoding: .utf8).split(separator: "\n").first.flatMap { Int32($0) }
    }

    @Test func sigtermMarksTheRunInterruptedAndTearsTheEngineDown() async throws {
        try await withTemporaryDirectory("run") { folder in
            try await realTimeTurn {
                let (process, arguments, logs) = try await Self.sweepUnderWay(in: folder)
                let engine = try #require(try Self.recordedGroup(logs))
                kill(process.processIdentifier, SIGTERM)
                #expect(try await ChildExit.status(process) == 130)
                let list = try BenchProcess.run(["runs", "list"] + arguments.prefix(2))
                #expect(list.stdout.contains("interrupted"))
                #expect(kill(engine, 0) != 0, "the engine's process group was torn down")
                #expect(!FileManager.default.fileExists(atPath: "\(logs)/1/engine.pid"))
                let stored = try Self.csvRows(db: arguments[1])
                #expect((1...3).contains(stored.count) && stored.allSatisfy { $0["status"] == "ok" })
            }
        }
    }

    @Test func killNineThenResumeStoresEveryPointExactlyOnce() async throws {
        try await withTemporaryDirectory("run") { folder in
            try await realTimeTurn {
                let (process, arguments, logs) = try await Self.sweepUnderWay(in: folder)
                let db = arguments[1]
                kill(process.processIdentifier, SIGKILL)
                _ = try await ChildExit.status(process)
                let storedBefore = try Self.csvRows(db: db).count
                #expect((1...3).contains(storedBefore))
                let leftover = try Self.recordedGroup(logs)
                #expect(leftover.map { kill($0, 0) == 0 } == true)

                let resumed = try BenchProcess.run(["run", "--resume", "1"] + arguments)
                #expect(resumed.status == 0, "\(resumed.stderr)")
                #expect(resumed.stderr.contains("killed engine process group"))
                let rows = try Self.csvRows(db: db)
                #expect(rows.count == 4)
                #expect(Set(rows.map { $0["point_key"]! }).count == 4)
                #expect(rows.allSatisfy { $0["status"] == "ok" })
                #expect(try BenchProcess.run(["runs", "list", "--db", db]).stdout.contains("finished"))
                // Nothing is left to resume.
                let again = try BenchProcess.run(["run", "--resume", "1"] + arguments)
                #expect(again.stderr.contains("0 points in 0 engine launches, 4 already stored"))
            }
        }
    }

    @Test func anEngineThatWillNotStartFailsItsGroupAfterOneLaunch() throws {
        try withTemporaryDirectory("run") { folder in
            let matrix = folder.appendingPathComponent("m.yaml").path
            try Self.matrix(concs: [1, 2]).write(toFile: matrix, atomically: true, encoding: .utf8)
            let db = folder.appendingPathComponent("bench.sqlite").path, logs = folder.appendingPathComponent("logs").path
            let result = try BenchProcess.run(["run", "--matrix", matrix, "--db", db, "--logs", logs, "--sim-arg=--no-such-flag"])
            #expect(result.status == 2)
            let json = try BenchProcess.run(["runs", "show", "1", "--db", db, "--json"])
            let points = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
            #expect(points.map { $0["status"] as? String } == ["failed", "failed"])
            #expect(points.allSatisfy { ($0["error"] as? String)?.contains("the engine did not start") == true })
            #expect((points[0]["error"] as? String)?.contains("no-such-flag") == true, "the log's tail says why")
            let log = try FileManager.default.contentsOfDirectory(atPath: logs + "/1").first { $0.hasSuffix(".log") }
            let text = try String(contentsOfFile: "\(logs)/1/\(try #require(log))", encoding: .utf8)
            #expect(text.components(separatedBy: "bench launches:").count == 2, "launched once for the group")
        }
    }

    @Test func gpuTelemetryIsStoredBesideTheMetricsWhenNvidiaSmiIsPresent() async throws {
        try await withTemporaryDirectory("run") { folder in
            let tools = folder.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
            let fake = tools.appendingPathComponent("nvidia-smi").path
            try "#!/bin/sh\ncase \"$*\" in *power.draw*) echo '0, 350.0, 90'; echo '1, 450.0, 80' ;; *) echo 'NVIDIA H200' ;; esac\n"
                .write(toFile: fake, atomically: true, encoding: .utf8)
            chmod(fake, 0o755)
            let matrix = folder.appendingPathComponent("m.yaml").path
            try Self.matrix(concs: [2]).write(toFile: matrix, atomically: true, encoding: .utf8)
            let db = folder.appendingPathComponent("bench.sqlite").path
            var options = ServerOptions()
            options.servedModelNames = ["meta-llama/Llama-3.3-70B-Instruct"]
            try await withSimServer(options, tp: 8) { url, _ in
                let result = try BenchProcess.run(
                    [
                        "run", "--matrix", matrix, "--db", db, "--engine", "external", "--url", url.absoluteString,
                        "--num-prompts-per-conc", "2", "--num-warmups-per-conc", "0",
                    ],
                    environment: ["PATH": tools.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")])
                #expect(result.status == 0, "\(result.stderr)")
            }
            let row = try #require(try Self.csvRows(db: db).first)
            // Two GPUs read at 350 W and 450 W: InferenceX's avg_power_w is per GPU; energy is the whole deployment's.
            #expect(abs((Double(row["avg_power_w"] ?? "") ?? 0) - 400) < 1e-9)
            let joules = try #require(Double(row["joules_per_token"] ?? ""))
            let energy = try #require(Double(row["energy_j"] ?? "")), duration = try #require(Double(row["duration_s"] ?? ""))
            #expect(abs(energy - 800 * duration) < 1e-6 * max(1, energy))
            // Measured J/token is energy over every token of the point (input and output): 800 W over the total throughput.
            let total = try #require(Double(row["total_throughput"] ?? ""))
            #expect(abs(joules - energy / (total * duration)) <= 1e-9 * joules && abs(joules - 800 / total) <= 1e-9 * joules)
            let pareto = try BenchProcess.run(["pareto", "--db", db, "--y", "measured-joules-per-token", "--json"])
            let frontier = try #require(try JSONSerialization.jsonObject(with: Data(pareto.stdout.utf8)) as? [[String: Any]])
            #expect(frontier.count == 1 && (frontier.first?["y"] as? Double).map { abs($0 - joules) <= 1e-9 * joules } == true, "\(frontier)")
        }
    }

    @Test func readingCommandsRefuseAMissingDatabaseInsteadOfCreatingOne() throws {
        try withTemporaryDirectory("run") { folder in
            let db = folder.appendingPathComponent("typo.sqlite").path
            for command in [["runs", "list"], ["export", "--csv", "-"], ["pareto"], ["dashboard", "--out", db + ".site"]] {
                let result = try BenchProcess.run(command + ["--db", db])
                #expect(result.status == 1 && result.stderr.contains("there is no results database at \(db)"), "\(command)")
            }
            #expect(!FileManager.default.fileExists(atPath: db))
        }
    }

    @Test func aCorruptDatabaseIsAClearErrorAndStaysUntouched() throws {
        try withTemporaryDirectory("run") { folder in
            let db = folder.appendingPathComponent("bench.sqlite").path
            let garbage = Data(repeating: 0x42, count: 4096)
            try garbage.write(to: URL(fileURLWithPath: db))
            let result = try BenchProcess.run(["run", "--matrix", "matrices/quickstart.yaml", "--virtual", "--db", db])
            #expect(result.status == 1)
            #expect(result.stderr.contains("is not a bench SQLite database"))
            #expect(FileManager.default.contents(atPath: db) == garbage)
        }
    }

    @Test func dryRunPrintsThePlanAndWritesNothing() throws {
        try withTemporaryDirectory("run") { folder in
            let db = folder.appendingPathComponent("bench.sqlite").path
            let sim = try BenchProcess.run(["run", "--matrix", "matrices/quickstart.yaml", "--dry-run", "--db", db])
            #expect(sim.status == 0)
            #expect(sim.stdout.contains("plan: 5 points in 2 engine launches"))
            #expect(sim.stdout.contains("estimated time:"))
            #expect(!FileManager.default.fileExists(atPath: db))
            let native = try BenchProcess.run([
                "run", "--matrix", "matrices/quickstart.yaml", "--engine", "native", "--hardware", "b200", "--dry-run",
            ])
            #expect(native.stdout.contains("plan: 2 points in 1 engine launch "))
            #expect(native.stdout.contains("-m sglang.launch_server"))
            #expect(native.stdout.contains("needs h200; this machine is b200"))
            // x-bench flags and environment reach the native engine's command.
            let text =
                try String(contentsOf: BenchProcess.repositoryRoot.appendingPathComponent("matrices/quickstart.yaml"), encoding: .utf8)
                + "\nx-bench:\n  engine-args:\n    \"*-b200-*\": [\"--mem-fraction-static\", \"0.88\"]\n  engine-env:\n    \"*-b200-*\": { SGLANG_X: \"1\" }\n"
            let matrix = folder.appendingPathComponent("x.yaml").path
            try text.write(toFile: matrix, atomically: true, encoding: .utf8)
            let extended = try BenchProcess.run(["run", "--matrix", matrix, "--engine", "native", "--hardware", "b200", "--dry-run"])
            #expect(extended.stdout.contains("engine: SGLANG_X=1 python3 -m sglang.launch_server"), "\(extended.stdout)")
            #expect(extended.stdout.contains("--mem-fraction-static 0.88"))
        }
    }

    @Test func ingestOfAVLLMResultIsIdempotent() throws {
        try withTemporaryDirectory("run") { folder in
            let file = folder.appendingPathComponent("vllm.json").path
            try
                #"{"backend":"vllm","model_id":"m","max_concurrency":4,"duration":10,"completed":40,"total_input_tokens":40960,"total_output_tokens":40960,"request_throughput":4,"output_throughput":4096,"total_token_throughput":8192,"median_ttft_ms":100,"median_tpot_ms":10}"#
                .write(toFile: file, atomically: true, encoding: .utf8)
            let db = folder.appendingPathComponent("bench.sqlite").path
            let missing = try BenchProcess.run(["ingest", file, "--db", db])
            #expect(
                missing.status == 1
                    && missing.stderr.contains(
                        "(vllm) does not say its hardware (--hardware), framework (--framework), precision (--precision), GPU count (--gpus or --tp), ISL (--isl), OSL (--osl)"
                    ))
            // The backend key is not the framework (InferenceX writes vllm there for SGLang runs), and lengths are not guessed from averages.
            let flags = [
                "--db", db, "--hardware", "h100", "--precision", "fp8", "--gpus", "2", "--framework", "sglang", "--isl", "1024", "--osl", "1024",
            ]
            let first = try BenchProcess.run(["ingest", file] + flags)
            #expect(first.stdout.contains("1 run and 1 point added, 0 already present"), "\(first.stderr)")
            let second = try BenchProcess.run(["ingest", file] + flags)
            #expect(second.stdout.contains("0 runs and 0 points added, 1 already present"))
            let rows = try Self.csvRows(db: db)
            #expect(rows.count == 1 && rows[0]["tput_per_gpu"] == "4096.0" && rows[0]["isl"] == "1024")
        }
    }
}
