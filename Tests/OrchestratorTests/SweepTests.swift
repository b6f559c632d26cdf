import BenchTesting
import Catalog
import Foundation
import LoadGen
import Matrix
import Metrics
import SimEngine
import Store
import Testing

@testable import Orchestrator

/// Counts what the sweep reports and can ask it to stop after a number of points.
final class RecordingObserver: SweepObserver, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var finished: [(PlannedPoint, PointStatus)] = []
    var stopAfter: Int?
    var control: SweepControl?

    func sweepStarted(run: Int64, plan: SweepPlan, alreadyStored: Int) {}
    func engineLaunching(_ deployment: Deployment, command: String?) {}
    func pointStarted(_ planned: PlannedPoint, number: Int, of total: Int) {}
    func pointProgress(_ progress: LoadProgress) {}
    func pointFinished(_ planned: PlannedPoint, status: PointStatus, metrics: PointMetrics?, error: String?) {
        lock.withLock {
            finished.append((planned, status))
            if let stopAfter, finished.count >= stopAfter { control?.requestStop() }
        }
    }
}

@Suite struct SweepTests {
    static let matrix = FixtureConfig.matrix(
        [
            FixtureConfig(
                key: "small-h200", runner: "h200", framework: "vllm", entries: ["{ tp: 2, conc-list: [8, 2, 4] }", "{ tp: 4, conc-list: [2] }"]),
            FixtureConfig(key: "small-b200", runner: "b200", framework: "sglang", entries: ["{ tp: 2, conc-list: [2] }"]),
        ], isl: 128, osl: 32)

    /// The test matrix written into `folder`, and where its database goes.
    static func files(in folder: URL) throws -> (matrix: String, db: String) {
        let matrix = folder.appendingPathComponent("m.yaml").path
        try Self.matrix.write(toFile: matrix, atomically: true, encoding: .utf8)
        return (matrix, folder.appendingPathComponent("bench.sqlite").path)
    }

    /// The test matrix in `folder` planned on the virtual clock: a sweep into a fresh database there.
    static func virtualSweep(in folder: URL) throws -> (sweep: Sweep, store: ResultStore, catalog: Catalog, matrix: String) {
        let (matrix, db) = try files(in: folder)
        var settings = SweepSettings(matrixFiles: [matrix])
        settings.virtual = true
        let catalog = try Catalog.load()
        let store = try ResultStore(path: db)
        let sweep = try Sweep(
            plan: try SweepPlan(settings: settings, catalog: catalog, machineHardware: nil), settings: settings,
            catalog: catalog, store: store, environment: environment)
        return (sweep, store, catalog, matrix)
    }

    static let environment = SweepEnvironment(
        harnessVersion: "test", host: "test", benchExecutable: "/nonexistent",
        logsRoot: NSTemporaryDirectory() + "sweep-logs", gpuTool: nil)

    @Test func pointsAreGroupedByDeploymentLowToHighWithRepeatsAsPasses() throws {
        try withTemporaryDirectory("sweep") { folder in
            var settings = SweepSettings(matrixFiles: [try Self.files(in: folder).matrix])
            settings.repeats = 2
            let plan = try SweepPlan(settings: settings, catalog: try Catalog.load(), machineHardware: nil)
            #expect(plan.groups.count == 3)
            #expect(plan.groups[0].points.map(\.point.conc) == [2, 4, 8, 2, 4, 8])
            #expect(plan.groups[0].points.map(\.repeatIndex) == [0, 0, 0, 1, 1, 1])
            #expect(plan.pointCount == 10)
        }
    }

    /// InferenceX's amd-master lists one point in two search-space entries (overlapping conc-lists);
    /// the sweep used to store the first and fail the second on the store's unique key.
    @Test func aPointListedTwiceIsMeasuredOnceAndTheRepeatListedAsSkipped() async throws {
        try await withTemporaryDirectory("sweep") { folder in
            let matrix = folder.appendingPathComponent("twice.yaml").path
            try FixtureConfig.matrix(
                [
                    FixtureConfig(
                        key: "twice-h200", runner: "h200", framework: "vllm",
                        entries: ["{ tp: 2, conc-list: [2, 4] }", "{ tp: 2, conc-list: [4, 8] }"])
                ], isl: 128, osl: 32
            )
            .write(toFile: matrix, atomically: true, encoding: .utf8)
            var settings = SweepSettings(matrixFiles: [matrix])
            settings.virtual = true
            let catalog = try Catalog.load()
            let plan = try SweepPlan(settings: settings, catalog: catalog, machineHardware: nil)
            #expect(plan.pointCount == 3 && plan.skipped.count == 1)
            #expect(plan.skipped.first?.reason.contains("listed twice in the matrix") == true)
            let store = try ResultStore(path: folder.appendingPathComponent("bench.sqlite").path)
            let sweep = try Sweep(plan: plan, settings: settings, catalog: catalog, store: store, environment: Self.environment)
            let outcome = await sweep.run(observer: RecordingObserver())
            #expect(outcome.failed == 0 && outcome.stored == 3)
        }
    }

    @Test func nativeEnginesRunOnlyThisMachinesHardware() throws {
        try withTemporaryDirectory("sweep") { folder in
            var settings = SweepSettings(matrixFiles: [try Self.files(in: folder).matrix])
            settings.engine = .native
            let catalog = try Catalog.load()
            let none = try SweepPlan(settings: settings, catalog: catalog, machineHardware: nil)
            #expect(none.pointCount == 0 && none.skipped.count == 5)
            #expect(none.skipped[0].reason.contains("no GPU found here"))
            let h200 = try SweepPlan(settings: settings, catalog: catalog, machineHardware: "h200")
            #expect(h200.pointCount == 4)
            #expect(h200.skipped.map(\.reason) == ["needs b200; this machine is h200"])
        }
    }

    @Test func aVirtualSweepStoresEveryPointAndAResumeRunsExactlyTheRest() async throws {
        try await withTemporaryDirectory("sweep") { folder in
            let (sweep, store, catalog, _) = try Self.virtualSweep(in: folder)
            let observer = RecordingObserver()
            observer.stopAfter = 2
            observer.control = sweep.control
            let first = await sweep.run(observer: observer)
            #expect(first.status == .interrupted && first.stored == 2 && first.remaining == 3)
            #expect(try store.run(first.runID)?.summary.status == .interrupted)

            let (resumed, alreadyStored) = try Sweep.resume(
                runID: first.runID, store: store, catalog: catalog, environment: Self.environment,
                machineHardware: nil, retryFailed: false)
            #expect(alreadyStored == 2 && resumed.plan.pointCount == 3)
            let second = await resumed.run(observer: RecordingObserver())
            #expect(second.status == .finished && second.stored == 3)
            let rows = try store.points(run: first.runID)
            #expect(rows.count == 5)
            #expect(Set(rows.map(\.pointKey)).count == 5)
            #expect(rows.allSatisfy { $0.status == .ok && ($0.metrics?.completed ?? 0) == $0.concurrency * 10 })
            #expect(try store.run(first.runID)?.summary.clock == "virtual")
        }
    }

    /// The bundled GB200 disaggregated matrix names its model by a Hugging Face id the catalog
    /// lacks (nvidia/DeepSeek-R1-0528-FP4) and by the model-prefix it has (dsr1): it runs, and its
    /// input and output throughput per GPU are per prefill and per decode GPU.
    @Test func aDisaggregatedSweepRunsByModelPrefixAndNormalisesPerPool() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var settings = SweepSettings(matrixFiles: [root.appendingPathComponent("matrices/dsr1-gb200-disagg.yaml").path])
        settings.virtual = true
        settings.maxConc = 8
        let catalog = try Catalog.load()
        let plan = try SweepPlan(settings: settings, catalog: catalog, machineHardware: nil)
        #expect(plan.skipped.isEmpty && plan.pointCount > 0)
        try await withTemporaryDirectory("sweep") { folder in
            let store = try ResultStore(path: try Self.files(in: folder).db)
            let sweep = try Sweep(plan: plan, settings: settings, catalog: catalog, store: store, environment: Self.environment)
            let outcome = await sweep.run(observer: RecordingObserver())
            #expect(outcome.failed == 0 && outcome.stored == plan.pointCount)
            for row in try store.points(run: sweep.runID) {
                let metrics = try #require(row.metrics)
                let prefill = try #require(metrics.prefillGPUs), decode = try #require(metrics.decodeGPUs)
                #expect(prefill + decode == row.deployment.gpus)
                #expect(metrics.inputThroughputPerGPU == metrics.inputThroughput / Double(prefill))
                #expect(metrics.outputThroughputPerGPU == metrics.outputThroughput / Double(decode))
            }
        }
    }

    @Test func aResumeRefusesChangedMatrixFiles() async throws {
        try await withTemporaryDirectory("sweep") { folder in
            let (sweep, store, catalog, matrix) = try Self.virtualSweep(in: folder)
            sweep.control.requestStop()
            _ = await sweep.run(observer: RecordingObserver())
            try (Self.matrix.replacingOccurrences(of: "osl: 32", with: "osl: 64")).write(toFile: matrix, atomically: true, encoding: .utf8)
            let error = try #require(throws: SweepError.self) {
                try Sweep.resume(
                    runID: sweep.runID, store: store, catalog: catalog, environment: Self.environment, machineHardware: nil, retryFailed: false)
            }
            #expect(
                error.description
                    == "the matrix files of run \(sweep.runID) changed since it started (\(matrix)); restore them to resume it, or start a new run")
        }
    }

    @Test func theFailureGateIsStrictlyAboveTheRate() {
        #expect(Sweep.failureGate(failed: 1, total: 20, maxRate: 0.05) == nil, "5% is not above 5%")
        #expect(Sweep.failureGate(failed: 2, total: 20, maxRate: 0.05) == "2 of 20 requests failed (10.0%, above the 5% limit)")
        #expect(Sweep.failureGate(failed: 20, total: 20, maxRate: 0.05) == nil, "all failed is its own error")
    }

    @Test func aDeploymentTheSimulatorCannotRunIsSkippedWithTheReasonAndTheSweepGoesOn() async throws {
        try await withTemporaryDirectory("sweep") { folder in
            let (_, db) = try Self.files(in: folder)
            let folder = URL(fileURLWithPath: db).deletingLastPathComponent()
            let matrix = folder.appendingPathComponent("long.yaml").path
            // 70B at TP1 on one H200: FP8 weights fit, but the KV cache of a million-token prompt does not.
            let tooLong = FixtureConfig.matrix(
                [FixtureConfig(key: "too-long", runner: "h200", framework: "vllm", entries: ["{ tp: 1, conc-list: [2] }"])],
                isl: 1_000_000, osl: 32)
            try (tooLong + "\n" + Self.matrix).write(toFile: matrix, atomically: true, encoding: .utf8)
            var settings = SweepSettings(matrixFiles: [matrix])
            settings.virtual = true
            let catalog = try Catalog.load()
            let plan = try SweepPlan(settings: settings, catalog: catalog, machineHardware: nil)
            let skipped = try #require(plan.skipped.first)
            #expect(plan.skipped.count == 1 && skipped.point.deployment.topology == .singleNode(Parallelism(tp: 1)))
            #expect(skipped.reason.hasPrefix("the simulator cannot run it: prompt plus output needs") && skipped.reason.contains("KV tokens"))
            let store = try ResultStore(path: db)
            let sweep = try Sweep(plan: plan, settings: settings, catalog: catalog, store: store, environment: Self.environment)
            let outcome = await sweep.run(observer: RecordingObserver())
            #expect(outcome.failed == 0 && outcome.stored == plan.pointCount && plan.pointCount > 0, "the other deployments still run")
        }
    }
}

/// Multi-node entries with no decode workers (InferenceX's aggregated multi-node shape).
@Suite struct AggregatedMultiNodeTests {
    static let matrix = """
        llama-agg:
          image: img
          model: meta-llama/Llama-3.3-70B-Instruct
          model-prefix: llama70b
          runner: h200-multinode
          precision: fp8
          framework: vllm
          multinode: true
          scenarios:
            fixed-seq-len:
            - isl: 128
              osl: 32
              search-space:
              - conc-list: [4]
                prefill: { num-worker: 1, tp: 4, ep: 1, dp-attn: false }
                decode: { num-worker: 0, tp: 4, ep: 1, dp-attn: false }
              - conc-list: [4]
                prefill: { num-worker: 2, tp: 4, ep: 1, dp-attn: false }
                decode: { num-worker: 0, tp: 4, ep: 1, dp-attn: false }
        """

    @Test func oneReplicaSimulatesAsAggregatedAndCountsEveryGPUForBothThroughputs() throws {
        try withTemporaryDirectory("agg") { folder in
            let path = folder.appendingPathComponent("agg.yaml").path
            try Self.matrix.write(toFile: path, atomically: true, encoding: .utf8)
            var settings = SweepSettings(matrixFiles: [path])
            settings.virtual = true
            let catalog = try Catalog.load()
            let plan = try SweepPlan(settings: settings, catalog: catalog, machineHardware: nil)
            let group = try #require(plan.groups.first)
            #expect(plan.groups.count == 1 && group.deployment.gpus == 4)
            // No decode GPUs: input and output both per GPU of the whole deployment (InferenceX's process_result.py).
            #expect(group.deployment.poolGPUs == nil)
            let config = try group.deployment.simConfig(catalog: catalog, kvCacheDType: nil)
            #expect(config.topology == .aggregated(WorkerShape(tp: 4, ep: 1, pp: 1, dpAttention: false)))
            // Two replicas behind a router are not modelled: skipped, saying so.
            #expect(plan.skipped.count == 1)
            #expect(plan.skipped.first?.reason.contains("2 aggregated replicas behind a router") == true)
        }
    }
}
