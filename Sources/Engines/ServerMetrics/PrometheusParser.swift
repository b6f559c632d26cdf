/// One sample of a Prometheus text exposition: `name{labels} value`.
public struct PrometheusSample: Sendable, Equatable, Hashable {
    public var name: String
    public var labels: [String: String]
    public var value: Double

    public init(name: String, labels: [String: String] = [:], value: Double) {
        self.name = name
        self.labels = labels
        self.value = value
    }

    /// `name{a="x",b="y"}` with labels sorted: one key per series.
    public var seriesKey: String {
        guard !labels.isEmpty else { return name }
        let pairs = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\(Self.escape($0.value))\"" }
        return "\(name){\(pairs.joined(separator: ","))}"
    }

    private static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }
}

/// How much of an exposition the parser accepts: an engine's /metrics is tens of KB; anything
/// far past these is not one, and is refused by name instead of filling memory.
public struct PrometheusLimits: Sendable, Equatable {
    public var maxBytes = 16 << 20
    public var maxLineBytes = 64 << 10
    public var maxSamples = 100_000
    public var maxLabelsPerSample = 64

    public init() {}
}

/// An exposition the parser refused.
public enum PrometheusParseError: Error, Equatable, CustomStringConvertible {
    case tooLarge(bytes: Int, limit: Int)
    case lineTooLong(line: Int, limit: Int)
    case tooManySamples(limit: Int)
    case tooManyLabels(line: Int, limit: Int)

    public var description: String {
        switch self {
        case let .tooLarge(bytes, limit): return "metrics text of \(bytes) bytes is over the \(limit)-byte limit"
        case let .lineTooLong(line, limit): return "metrics line \(line) is over the \(limit)-byte limit"
        case let .tooManySamples(limit): return "metrics text has more than \(limit) samples"
        case let .tooManyLabels(line, limit): return "metrics line \(line) has more than \(limit) labels"
        }
    }
}

/// The Prometheus text format (version 0.0.4): samples, `# TYPE` lines, labels with `\\`, `\"`
/// and `\n` escapes, NaN and ±Inf values, optional timestamps. A line it cannot read is skipped
/// and counted (one odd line must not lose a scrape); only the limits fail the whole text.
public enum PrometheusParser {
    public struct Result: Sendable, Equatable {
        public var samples: [PrometheusSample] = []
        /// `# TYPE` by family name: counter, gauge, histogram, summary, untyped.
        public var types: [String: String] = [:]
        public var skippedLines = 0
    }

    public static func parse(_ text: [UInt8], limits: PrometheusLimits = PrometheusLimits()) throws(PrometheusParseError) -> Result {
        guard text.count <= limits.maxBytes else { throw .tooLarge(bytes: text.count, limit: limits.maxBytes) }
        var result = Result()
        var start = 0, number = 0
        while start < text.count {
            number += 1
            let end = text[start...].firstIndex(of: 0x0A) ?? text.count
            guard end - start <= limits.maxLineBytes else { throw .lineTooLong(line: number, limit: limits.maxLineBytes) }
            var line = text[start..<end]
            if line.last == 0x0D { line = line.dropLast() }
            start = end + 1
            try read(line, number: number, limits: limits, into: &result)
        }
        return result
    }

    private static func read(_ line: ArraySlice<UInt8>, number: Int, limits: PrometheusLimits, into result: inout Result) throws(PrometheusParseError) {
        var cursor = LineCursor(line)
        cursor.skipSpaces()
        guard !cursor.atEnd else { return }
        if cursor.peek == UInt8(ascii: "#") {
            readComment(&cursor, into: &result)
            return
        }
        guard let name = cursor.name() else {
            result.skippedLines += 1
            return
        }
        var labels: [String: String] = [:]
        if cursor.peek == UInt8(ascii: "{") {
            cursor.advance()
            switch cursor.labels(limit: limits.maxLabelsPerSample) {
            case let .read(found): labels = found
            case .tooMany: throw .tooManyLabels(line: number, limit: limits.maxLabelsPerSample)
            case .malformed:
                result.skippedLines += 1
                return
            }
        }
        guard cursor.skipSpaces() > 0, let value = cursor.value() else {
            result.skippedLines += 1
            return
        }
        // A timestamp may follow; bench reads values at scrape time and ignores it.
        guard result.samples.count < limits.maxSamples else { throw .tooManySamples(limit: limits.maxSamples) }
        result.samples.append(PrometheusSample(name: name, labels: labels, value: value))
    }

    /// `# TYPE name type` is kept; `# HELP` and other comments are not needed.
    private static func readComment(_ cursor: inout LineCursor, into result: inout Result) {
        cursor.advance()
        cursor.skipSpaces()
        guard cursor.word() == "TYPE", cursor.skipSpaces() > 0, let name = cursor.name(), cursor.skipSpaces() > 0, let type = cursor.word() else { return }
        result.types[name] = type
    }
}
