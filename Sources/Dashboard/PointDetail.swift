import Foundation
import Metrics

/// One point's drill-down, written to `points/<id>.json` (and `.js` for file:// pages) and loaded
/// only when a reader opens the point: its requests as columns (milliseconds from the first send),
/// ITL by token position, the steady-state window, failures by kind, the engine command (redacted)
/// and the `bench run` line that measures this point alone.
struct PointDetail: Encodable {
    /// Per request: send, first token and last token (or the failure) in ms, output tokens, failure kind.
    struct Requests: Encodable {
        var start: Rounded
        var first: Rounded
        var end: Rounded
        var tokens: [Int]
        var failure: Lookup
    }

    /// Per-token ITL (ms) pooled over requests in bins of token positions: `upTo` is each bin's last position.
    struct ITLBands: Encodable {
        var upTo: [Int] = []
        var p50 = Rounded([])
        var p90 = Rounded([])
    }

    struct FailureKind: Encodable {
        var kind: String
        var count: Int
        /// Up to three distinct messages, redacted.
        var messages: [String]
    }

    var id: Int64
    var concurrency: Int
    var requests: Requests
    var itl: ITLBands
    /// [start, end] in ms, when every slot was busy for a while.
    var steady: Rounded?
    var failures: [FailureKind]
    var command: String?
    var reproduce: String?

    static let bins = 48

    init(id: Int64, concurrency: Int, records: [RequestRecord], command: String?, reproduce: String?, redact: (String) -> String) {
        self.id = id
        self.concurrency = concurrency
        let origin = records.map(\.start).min() ?? 0
        func ms(_ time: Int64) -> Double { Double(time - origin) / 1e6 }
        let kinds = Array(Set(records.compactMap { $0.succeeded ? nil : ($0.error?.kind ?? .incomplete).rawValue })).sorted()
        requests = Requests(
            start: Rounded(records.map { ms($0.start) }), first: Rounded(records.map { $0.events.first.map { ms($0.time) } }),
            end: Rounded(records.map { ms($0.succeeded ? $0.events.last!.time : $0.end) }),
            tokens: records.map { $0.succeeded ? $0.outputTokens : $0.eventTokens },
            failure: Lookup(
                names: kinds,
                of: records.map { record in
                    record.succeeded ? -1 : kinds.firstIndex(of: (record.error?.kind ?? .incomplete).rawValue)!
                }))
        itl = Self.bands(records.filter(\.succeeded).map(\.interTokenLatencies))
        steady = SteadyState(records: records, concurrency: concurrency).map { Rounded([ms($0.start), ms($0.end)]) }
        failures = kinds.map { kind in
            let failed = records.filter { !$0.succeeded && ($0.error?.kind ?? .incomplete).rawValue == kind }
            let messages = Array(Set(failed.compactMap { $0.error?.message }.filter { !$0.isEmpty })).sorted().prefix(3).map(redact)
            return FailureKind(kind: kind, count: failed.count, messages: Array(messages))
        }
        self.command = command.map(redact)
        self.reproduce = reproduce
    }

    /// Token k's ITL is gaps[k - 2] (the second token is the first with a gap): positions split
    /// into at most `bins` equal ranges, each range's pooled p50 and p90.
    static func bands(_ gaps: [[Double]]) -> ITLBands {
        let longest = gaps.map(\.count).max() ?? 0
        guard longest > 0 else { return ITLBands() }
        let width = (longest + bins - 1) / bins
        var pooled = [[Double]](repeating: [], count: (longest + width - 1) / width)
        for request in gaps {
            for (k, gap) in request.enumerated() { pooled[k / width].append(gap * 1000) }
        }
        var upTo: [Int] = [], p50: [Double?] = [], p90: [Double?] = []
        for (bin, samples) in pooled.enumerated() where !samples.isEmpty {
            let sorted = samples.sorted()
            upTo.append(min(longest, (bin + 1) * width) + 1)
            p50.append(Distribution.percentile(sorted, 50))
            p90.append(Distribution.percentile(sorted, 90))
        }
        return ITLBands(upTo: upTo, p50: Rounded(p50), p90: Rounded(p90))
    }
}
