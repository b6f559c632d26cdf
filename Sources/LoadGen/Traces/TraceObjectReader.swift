import Foundation
import Metrics

/// Reads one parsed JSON line as an `AgenticTrace`, checking every field it uses; fields the
/// format carries for other tools (`models`, `stop`, `duration_ms`, …) are ignored.
struct TraceObjectReader {
    let file: String
    let line: Int

    func trace(_ object: [String: Any]) throws(TraceFileError) -> AgenticTrace {
        guard let id = object["id"] as? String, !id.isEmpty, id.count <= TraceLimits.idCharacters else {
            throw error("id", "is missing or not a non-empty string of at most \(TraceLimits.idCharacters) characters",
                "give each trace a unique string id")
        }
        let blockSize = try integer(object["block_size"], "block_size", range: 1...Int.max)
        guard blockSize == AgenticTrace.blockSize else {
            throw error("block_size", "is \(blockSize), but bench replays 64-token blocks",
                "use a trace built with 64-token KV blocks (every published Weka corpus is)")
        }
        if let scope = object["hash_id_scope"], scope as? String != "local" {
            throw error("hash_id_scope", "is \(scope), only \"local\" (hash ids per trace) is defined", "set it to \"local\" or leave it out")
        }
        let raw = try list(object["requests"], "requests")
        var entries: [TraceEntry] = []
        entries.reserveCapacity(raw.count)
        for (index, item) in raw.enumerated() {
            let path = "requests[\(index)]"
            let entry = try dictionary(item, path)
            if entry["type"] as? String == "subagent" {
                entries.append(.subagent(try subagent(entry, path)))
            } else {
                entries.append(.request(try request(entry, path)))
            }
        }
        guard entries.contains(where: { if case .request = $0 { true } else { false } }) else {
            throw error("requests", "has no main-agent request (type n or s)", "a trace needs at least one main-agent turn to replay")
        }
        return AgenticTrace(id: id, blockSize: blockSize, entries: entries)
    }

    private func subagent(_ object: [String: Any], _ path: String) throws(TraceFileError) -> TraceSubagent {
        let start = try seconds(object["t"], "\(path).t")
        let agentID = object["agent_id"] as? String ?? path
        var requests: [TraceRequest] = []
        for (index, item) in try list(object["requests"], "\(path).requests").enumerated() {
            var inner = try request(try dictionary(item, "\(path).requests[\(index)]"), "\(path).requests[\(index)]")
            // Older traces give inner times relative to the spawn; current ones are absolute (as AIPerf reads them).
            if inner.t + 1e-6 < start { inner.t += start }
            requests.append(inner)
        }
        return TraceSubagent(agentID: String(agentID.prefix(TraceLimits.idCharacters)), t: start, requests: requests)
    }

    private func request(_ object: [String: Any], _ path: String) throws(TraceFileError) -> TraceRequest {
        guard let typeText = object["type"] as? String, let type = TraceRequest.Kind(rawValue: typeText) else {
            throw error("\(path).type", "is \(object["type"].map { "\($0)" } ?? "missing"), not \"n\", \"s\" or \"subagent\"",
                "mark each entry as a normal (n) or streaming (s) request, or a subagent group")
        }
        let hashes = try list(object["hash_ids"] ?? [Any](), "\(path).hash_ids", limit: TraceLimits.hashIDsPerRequest)
        var hashIDs: [Int] = []
        hashIDs.reserveCapacity(hashes.count)
        for (index, value) in hashes.enumerated() {
            hashIDs.append(try integer(value, "\(path).hash_ids[\(index)]", range: 0...CheckedNumbers.exactLimit))
        }
        return TraceRequest(
            type: type, t: try seconds(object["t"], "\(path).t"),
            inputTokens: try integer(object["in"], "\(path).in", range: 0...TraceLimits.tokensPerRequest),
            outputTokens: try integer(object["out"], "\(path).out", range: 0...TraceLimits.tokensPerRequest),
            hashIDs: hashIDs,
            apiTime: try optionalSeconds(object["api_time"], "\(path).api_time"),
            thinkTime: try optionalSeconds(object["think_time"], "\(path).think_time"),
            ttft: try optionalSeconds(object["ttft"], "\(path).ttft"))
    }

    // MARK: fields

    private func dictionary(_ value: Any, _ path: String) throws(TraceFileError) -> [String: Any] {
        guard let object = value as? [String: Any] else { throw error(path, "is not a JSON object", "write each entry as {…}") }
        return object
    }

    private func list(_ value: Any?, _ path: String, limit: Int = TraceLimits.entriesPerTrace) throws(TraceFileError) -> [Any] {
        guard let items = value as? [Any] else { throw error(path, "is missing or not a JSON array", "give it as [ … ]") }
        guard items.count <= limit else { throw error(path, "has \(items.count) items, more than bench reads (\(limit))", "split the trace") }
        return items
    }

    private func number(_ value: Any?) -> Double? {
        guard let value, !(value is String), let number = value as? NSNumber else { return nil }
        return number.doubleValue
    }

    private func integer(_ value: Any?, _ path: String, range: ClosedRange<Int>) throws(TraceFileError) -> Int {
        guard let double = number(value), double.rounded() == double, let integer = CheckedNumbers.int(double), range.contains(integer) else {
            throw error(path, "is \(value.map { "\($0)" } ?? "missing"), not a whole number in \(range.lowerBound)…\(range.upperBound)",
                "write a non-negative integer")
        }
        return integer
    }

    private func seconds(_ value: Any?, _ path: String) throws(TraceFileError) -> Double {
        guard let seconds = number(value), seconds.isFinite, (0...TraceLimits.seconds).contains(seconds) else {
            throw error(path, "is \(value.map { "\($0)" } ?? "missing"), not a number of seconds in 0…\(Int(TraceLimits.seconds))",
                "write seconds from the session's start (or a duration) as a non-negative number")
        }
        return seconds
    }

    private func optionalSeconds(_ value: Any?, _ path: String) throws(TraceFileError) -> Double? {
        guard let value, !(value is NSNull) else { return nil }
        return try seconds(value, path)
    }

    private func error(_ field: String, _ problem: String, _ fix: String) -> TraceFileError {
        TraceFileError(file: file, line: line, field: field, problem: String(problem.prefix(300)), fix: fix)
    }
}
