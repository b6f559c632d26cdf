import BenchTesting
import Catalog
import Foundation
import Store
import Testing

@testable import Orchestrator

@Suite struct ShardTests {
    @Test func wholeDeploymentsAreBalancedOverTheShardsTheSameWayEveryTime() {
        let groups = [("a", 7), ("b", 3), ("c", 5), ("d", 5), ("e", 1)]
        let owner = ShardAssignment.assign(groups, shards: 2)
        #expect(owner == ["a": 0, "c": 1, "d": 1, "b": 0, "e": 0])
        #expect(ShardAssignment.assign(groups, shards: 2) == owner)
        let load = (0..<2).map { shard in groups.filter { owner[$0.0] == shard }.reduce(0) { $0 + $1.1 } }
        #expect(load == [11, 10])
        #expect(Set(ShardAssignment.assign(groups, shards: 8).values).count == 5, "more shards than groups: one group each")
    }

    @Test func shardsOfASweepMergeIntoOneRunWithNothingMissingAndNothingTwice() async throws {
        try await withTemporaryDirectory("sweep") { folder in
            let files = try SweepTests.files(in: folder)
            let catalog = try Catalog.load()
            let folder = URL(fileURLWithPath: files.db).deletingLastPathComponent()
            var whole = SweepSettings(matrixFiles: [files.matrix])
            whole.virtual = true
            whole.promptsPerConcurrency = 2
            let plan = try SweepPlan(settings: whole, catalog: catalog, machineHardware: nil)
            var planned = Set<String>()
            for index in 0..<2 {
                var settings = whole
                settings.shard = .init(index: index, count: 2)
                let shardPlan = try SweepPlan(settings: settings, catalog: catalog, machineHardware: nil)
                let store = try ResultStore(path: folder.appendingPathComponent("shard-\(index).sqlite").path)
                let sweep = try Sweep(
                    plan: shardPlan, settings: settings, catalog: catalog, store: store, environment: SweepTests.environment, uid: "slurm-7")
                #expect(await sweep.run(observer: RecordingObserver()).status == .finished)
                for group in shardPlan.groups { #expect(planned.insert(group.deployment.id).inserted, "a deployment on two shards") }
            }
            #expect(planned == Set(plan.groups.map(\.deployment.id)))
            let merged = try ResultStore(path: files.db)
            for _ in 0..<2 {  // twice: the second merge adds nothing
                for index in 0..<2 { _ = try merged.merge(databaseAt: folder.appendingPathComponent("shard-\(index).sqlite").path) }
            }
            let runs = try merged.runs()
            #expect(runs.count == 1 && runs[0].points == plan.pointCount && runs[0].status == .finished)
            let keys = try merged.points(run: runs[0].id).map { "\($0.pointKey)#\($0.repeatIndex)" }
            #expect(Set(keys).count == keys.count && keys.count == plan.pointCount)
        }
    }

    @Test func theSlurmScriptRunsOneShardPerArrayTask() throws {
        var job = SlurmJob(
            benchExecutable: "/opt/bench/bench", runArguments: ["--matrix", "/m/a b.yaml", "--virtual"], shards: 4, directory: "/r/slurm")
        job.partition = "gpu"
        job.sbatchArguments = ["--gres=gpu:8"]
        let script = job.script()
        for line in [
            "#SBATCH --array=0-3", "#SBATCH --partition=gpu", "#SBATCH --gres=gpu:8", "#SBATCH --output=/r/slurm/logs/shard-%a.out",
            "/opt/bench/bench run --matrix '/m/a b.yaml' --virtual --shard \"$shard/4\" --run-uid \"slurm-${SLURM_ARRAY_JOB_ID:-local}\"",
            "echo \"$status\" > /r/slurm/shard-\"$shard\".rc",
        ] {
            #expect(script.contains(line), "\(line)\n---\n\(script)")
        }
        #expect(SweepSettings.Shard(parsing: "3/4") == .init(index: 3, count: 4))
        #expect(SweepSettings.Shard(parsing: "4/4") == nil && SweepSettings.Shard(parsing: "x") == nil)
    }
}

/// What a matrix key, a path or an option can do to the generated sbatch script: nothing.
@Suite struct SlurmScriptInjectionTests {
    @Test func anInjectedKeyStaysInsideItsCommentAndTheScriptRunsNothingElse() throws {
        try withTemporaryDirectory("sweep") { folder in
            let files = try SweepTests.files(in: folder)
            var settings = SweepSettings(matrixFiles: [files.matrix])
            settings.virtual = true
            var plan = try SweepPlan(settings: settings, catalog: try Catalog.load(), machineHardware: nil)
            let marker = folder.appendingPathComponent("pwned").path
            plan.groups[0].deployment.configKey = "x\ntouch \(marker) #"
            // The bench executable is /bin/true: the script's one command does nothing, so any file is the injection's.
            var job = SlurmJob(
                benchExecutable: "/bin/true", runArguments: ["--matrix", "a'b $(touch \(marker)).yaml"], shards: 2,
                directory: folder.path + "/out dir")
            job.partition = "gpu\ntouch \(marker)"
            job.sbatchArguments = ["--gres=gpu:8\r\ntouch \(marker)"]
            let script = job.script(plan: plan)
            #expect(!script.split(separator: "\n").contains { $0.hasPrefix("touch") }, "\(script)")
            let path = folder.appendingPathComponent("job.sh").path
            try script.write(toFile: path, atomically: true, encoding: .utf8)
            #expect(try bash(["-n", path]) == 0)
            #expect(try bash([path], environment: ["SLURM_ARRAY_TASK_ID": "0"]) == 0)
            #expect(!FileManager.default.fileExists(atPath: marker))
            #expect(FileManager.default.fileExists(atPath: folder.path + "/out dir/shard-0.rc"))
        }
    }

    private func bash(_ arguments: [String], environment: [String: String] = [:]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
