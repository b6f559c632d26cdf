import BenchTesting
import Foundation
import Metrics
import Testing

@testable import Store

private let deployment = StoredDeployment(
    naturalKey: "h200|dsr1|fp8|sglang|tp8", config: "dsr1-fp8-h200-sglang", model: "dsr1",
    precision: "fp8", hardware: "h200", framework: "sglang", gpus: 8, description: "TP8")

private func records(_ count: Int) -> [RequestRecord] {
    (0..<count).map { index in
        let start = Int64(index) * 1_000_000
        let events = (0..<8).map { RequestRecord.TokenEvent(time: start + 50_000_000 + Int64($0) * 10_000_000, tokens: $0 == 7 ? 2 : 1) }
        return RequestRecord(
            index: index, start: start, end: start + 130_000_000, promptTokens: 128, requestedOutputTokens: 9,
            events: events, usageCompletionTokens: 9, error: index == 3 ? RequestError(.timeout, "slow") : nil)
    }
}

@Suite struct ResultStoreTests {
    @Test func aPointRoundTripsWithEveryRequestAndItsEvents() throws {
        try withTemporaryStore { store, _ in
            let run = try store.beginRun(NewRun(trigger: "manual", harnessVersion: "0.1.0", host: "test", matrixDigest: "abc"))
            let requests = records(5)
            let metrics = PointMetrics(records: requests, concurrency: 2, gpus: 8)
            let point = try store.record(
                StoredPoint(
                    deployment: deployment, isl: 1024, osl: 9, concurrency: 2, status: .ok,
                    engineCommand: "bench serve-sim …", metrics: metrics, requests: requests,
                    pointKey: "p-1"), run: run)
            #expect(try store.requests(point: point) == requests)
            try store.finishRun(run, status: .finished)
            let summary = try #require(try store.runs().first)
            #expect(summary.id == run && summary.points == 1 && summary.status == .finished && summary.finishedAt != nil)
        }
    }

    @Test func aPointIsNeverStoredTwiceAndAFailedWriteLeavesNothing() throws {
        try withTemporaryStore { store, _ in
            let run = try store.beginRun(NewRun(trigger: "manual", harnessVersion: "0.1.0", host: "test", matrixDigest: "abc"))
            let point = StoredPoint(
                deployment: deployment, isl: 1024, osl: 9, concurrency: 2, status: .ok, metrics: nil, requests: records(3),
                pointKey: "p-1")
            _ = try store.record(point, run: run)
            #expect(throws: StoreError.self) { try store.record(point, run: run) }
            #expect(try store.runs().first?.points == 1)
            // A point of a run that does not exist breaks a foreign key: nothing of it stays.
            #expect(throws: StoreError.self) { try store.record(point, run: run + 100) }
            #expect(try store.runs().map(\.points) == [1])
        }
    }

    @Test func aNewerDatabaseIsRefusedUntouched() throws {
        try withTemporaryDirectory("store") { folder in
            let path = folder.appendingPathComponent("bench.sqlite").path
            _ = try ResultStore(path: path)
            let sqlite = Process()
            sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            sqlite.arguments = [
                "python3", "-c",
                "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"INSERT INTO grdb_migrations VALUES ('v99')\"); c.commit(); c.close()",
                path,
            ]
            try sqlite.run()
            // Closed, so the commit is checkpointed from the WAL into the file itself.
            #expect(try ChildExit.statusBlocking(sqlite) == 0)
            let before = try Data(contentsOf: URL(fileURLWithPath: path)),
                files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(throws: StoreError.newerSchema(path: path)) { try ResultStore(path: path) }
            // Byte for byte as it was, and no journal, WAL or other file left beside it.
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == files)
        }
    }

    @Test func aFileThatIsNotADatabaseIsRefusedUntouched() throws {
        try withTemporaryDirectory("store") { folder in
            let path = folder.appendingPathComponent("bench.sqlite").path
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let junk = Data(repeating: 0x41, count: 4096)
            try junk.write(to: URL(fileURLWithPath: path))
            #expect {
                try ResultStore(path: path)
            } throws: { error in
                guard case .notADatabase(let where_, _) = error as? StoreError else { return false }
                return where_ == path
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == junk)
        }
    }

    @Test func aLockedDatabaseGivesAClearErrorAfterTheTimeout() throws {
        try withTemporaryDirectory("store") { folder in
            let path = folder.appendingPathComponent("bench.sqlite").path
            let store = try ResultStore(path: path)
            let run = try store.beginRun(NewRun(trigger: "manual", harnessVersion: "0.1.0", host: "test", matrixDigest: "abc"))
            // Another process holds the write lock; this one gives up after its (short) busy timeout.
            let holder = Process()
            holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            holder.arguments = [
                "python3", "-c",
                """
                import sqlite3,sys,time
                c=sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); sys.stdin.read()
                """, path,
            ]
            let input = Pipe(), output = Pipe()
            holder.standardInput = input
            holder.standardOutput = output
            try holder.run()
            defer { try? input.fileHandleForWriting.close(); _ = try? ChildExit.statusBlocking(holder) }
            _ = output.fileHandleForReading.availableData  // "locked"
            let contended = try ResultStore(path: path, busyTimeoutSeconds: 0.2)
            #expect(throws: StoreError.locked(path: path)) { try contended.finishRun(run, status: .finished) }
        }
    }

    @Test func eventsPackAndUnpackExactly() {
        let record = records(1)[0]
        #expect(RequestPacking.unpack(RequestPacking.pack(record), start: record.start) == record.events)
    }

    @Test func irregularGapsAndTokenCountsRoundTripAndSteadyStreamsPackSmall() {
        let start: Int64 = 5_000_000_000
        var time = start
        var events: [RequestRecord.TokenEvent] = []
        // A long first gap, a stall, bursts with no gap, shrinking and growing gaps, multi-token events.
        for (gap, tokens) in [(900_000_000, 1), (20_000_000, 1), (0, 3), (3_000_000_000, 1), (1, 1), (19_999_993, 250), (20_000_011, 1)] {
            time += Int64(gap)
            events.append(.init(time: time, tokens: tokens))
        }
        let record = RequestRecord(index: 0, start: start, end: time, promptTokens: 1, requestedOutputTokens: 258, events: events, error: nil)
        #expect(RequestPacking.unpack(RequestPacking.pack(record), start: start) == events)

        let steady = (1...1000).map { RequestRecord.TokenEvent(time: start + Int64($0) * 20_000_000, tokens: 1) }
        let steadyRecord = RequestRecord(
            index: 0, start: start, end: steady.last!.time, promptTokens: 1, requestedOutputTokens: 1000,
            events: steady, error: nil)
        let packed = RequestPacking.pack(steadyRecord)
        #expect(RequestPacking.unpack(packed, start: start) == steady)
        #expect(packed.count < 1010, "an exact cadence costs one byte an event")
    }
}
