import BenchTesting
import Foundation
import Testing

@testable import LoadGen

/// The Weka trace reader on a hand-written file: each entry type, the older subagent-relative
/// times, and malformed lines that must be refused with file:line, field and a fix.
@Suite struct TraceFileTests {
    static let fixture = """
        {"id":"s1","models":["m"],"block_size":64,"hash_id_scope":"local","requests":[\
        {"t":0.0,"type":"s","model":"m","in":130,"out":20,"hash_ids":[0,1,2],"api_time":2.5,"ttft":0.4},\
        {"t":3.0,"type":"subagent","agent_id":"sa_001","subagent_type":"Explore","duration_ms":4000,"status":"completed","models":["m"],"requests":[\
        {"t":3.5,"type":"n","model":"m","in":64,"out":5,"hash_ids":[0,7],"api_time":1.0,"think_time":0.5},\
        {"t":5.0,"type":"n","model":"m","in":128,"out":6,"hash_ids":[0,7,8],"api_time":2.0}]},\
        {"t":9.0,"type":"n","model":"m","in":200,"out":30,"hash_ids":[0,1,2,9],"api_time":1.5,"think_time":2.0,"stop":"end_turn"}]}

        {"id":"s2","block_size":64,"requests":[{"t":0,"type":"n","in":10,"out":1,"hash_ids":[5]},\
        {"t":1,"type":"subagent","agent_id":"old","requests":[{"t":0.5,"type":"n","in":10,"out":1,"hash_ids":[5]}]}]}
        """

    @Test func readsEveryEntryType() throws {
        try withTemporaryDirectory("traces") { folder in
            let traces = try AgenticTraceFile.read(URL(fileURLWithPath: try folder.writing(Self.fixture, to: "t.jsonl")))
            #expect(traces.map(\.id) == ["s1", "s2"])
            let first = traces[0]
            #expect(first.blockSize == 64 && first.mainTurns.count == 2 && first.subagents.count == 1)
            #expect(first.mainTurns[0] == TraceRequest(type: .streaming, t: 0, inputTokens: 130, outputTokens: 20, hashIDs: [0, 1, 2], apiTime: 2.5, ttft: 0.4))
            #expect(first.mainTurns[1].thinkTime == 2.0 && first.mainTurns[1].type == .normal)
            let subagent = first.subagents[0]
            #expect(subagent.agentID == "sa_001" && subagent.t == 3 && subagent.requests.map(\.hashIDs) == [[0, 7], [0, 7, 8]])
            #expect(subagent.end == 7)
            #expect(traces[1].subagents[0].requests[0].t == 1.5, "an inner time before its spawn is relative to it")
        }
    }

    @Test(arguments: [
        ("not json", 1, nil, "is not one JSON object"),
        (#"{"id":"x","block_size":32,"requests":[]}"#, 1, "block_size", "64-token"),
        (#"{"id":"x","block_size":64,"requests":[{"t":0,"type":"q","in":1,"out":1}]}"#, 1, "requests[0].type", "not \"n\""),
        (#"{"id":"x","block_size":64,"requests":[{"t":0,"type":"n","in":-4,"out":1}]}"#, 1, "requests[0].in", "whole number"),
        (#"{"id":"x","block_size":64,"requests":[{"t":0,"type":"n","in":1.5,"out":1}]}"#, 1, "requests[0].in", "whole number"),
        (#"{"id":"x","block_size":64,"requests":[{"t":1e300,"type":"n","in":1,"out":1}]}"#, 1, "requests[0].t", "seconds"),
        (#"{"id":"x","block_size":64,"requests":[{"t":0,"type":"n","in":1,"out":1,"hash_ids":[1,"a"]}]}"#, 1, "requests[0].hash_ids[1]", "whole number"),
        (#"{"id":"x","block_size":64,"requests":[{"t":0,"type":"subagent","requests":[{"t":0,"type":"n","in":1}]}]}"#, 1, "requests[0].requests[0].out", "missing"),
        (#"{"id":"x","block_size":64,"requests":[]}"#, 1, "requests", "no main-agent request"),
        ("\n" + #"{"block_size":64,"requests":[]}"#, 2, "id", "missing"),
        (#"{"id":"x","block_size":64,"requests":[{"t":0,"type":"n","in":1,"out":1}]}"# + "\n" + #"{"id":"x","block_size":64,"requests":[{"t":0,"type":"n","in":1,"out":1}]}"#, 2, "id", "twice"),
    ] as [(String, Int, String?, String)])
    func refusesMalformedLinesWithTheirPlace(text: String, line: Int, field: String?, problem: String) throws {
        try withTemporaryDirectory("traces") { folder in
            let path = try folder.writing(text, to: "bad.jsonl")
            do {
                _ = try AgenticTraceFile.read(URL(fileURLWithPath: path))
                Issue.record("\(text) was accepted")
            } catch let error as TraceFileError {
                #expect(error.file == path && error.line == line && error.field == field, "\(error)")
                #expect(error.description.contains(problem), "\(error)")
                #expect(!error.fix.isEmpty && error.description.hasPrefix("\(path):"))
            }
        }
    }

    @Test func refusesEmptyAndMissingFiles() throws {
        try withTemporaryDirectory("traces") { folder in
            #expect(throws: TraceFileError.self) { try AgenticTraceFile.read(URL(fileURLWithPath: try folder.writing("\n\n", to: "empty.jsonl"))) }
            #expect(throws: TraceFileError.self) { try AgenticTraceFile.read(folder.appendingPathComponent("absent.jsonl")) }
        }
    }

    /// InferenceX's theoretical hit rate counts the leading run of hash ids any earlier request of
    /// the trace (main agent or subagent, in recorded order) already sent.
    @Test func theoreticalHitsAreLeadingRunsOverTheWholeTree() throws {
        try withTemporaryDirectory("traces") { folder in
            let trace = try AgenticTraceFile.read(URL(fileURLWithPath: try folder.writing(Self.fixture, to: "t.jsonl")))[0]
            let cache = TheoreticalPrefixCache(trace)
            #expect(cache.mainHits == [0, 3], "[0,1,2] new; then 0,1,2 seen, 9 new")
            #expect(cache.subagentHits == [[1, 2]], "the subagent reuses block 0 of the main agent, then its own 7")
            #expect(TheoreticalPrefixCache.rate([trace]) == 6.0 / 12.0)
        }
    }
}
