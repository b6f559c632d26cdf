/// The output formats of `bench matrix expand`.
public enum MatrixFormat: String, CaseIterable, Sendable {
    case table, json, csv, githubActions = "github-actions"
}

public enum MatrixExport {
    /// Fixed-seq-len points first, then agentic-coding ones.
    public static func render(
        _ points: [BenchmarkPoint], agentic: [AgenticPoint] = [], format: MatrixFormat,
        hardware: HardwareNaming?
    ) -> String {
        switch format {
        case .json: return json(records(points, agentic, hardware))
        case .csv: return csv(records(points, agentic, hardware))
        case .githubActions: return GitHubActionsRows.rows(points, agentic: agentic).text + "\n"
        case .table: return PointTable.render(points, hardware: hardware) + AgenticTable.render(agentic, hardware: hardware)
        }
    }

    private static func records(_ points: [BenchmarkPoint], _ agentic: [AgenticPoint], _ hardware: HardwareNaming?) -> [[(String, JSONValue)]] {
        points.map { PointRecord.fields($0, hardware: hardware) } + agentic.map { PointRecord.fields($0, hardware: hardware) }
    }

    /// A JSON array, one object per benchmark point, keys in `PointRecord.columns` order
    /// (fields that do not apply to the point are left out).
    static func json(_ records: [[(String, JSONValue)]]) -> String {
        var out = "[\n"
        for (index, record) in records.enumerated() {
            out += "  "
            JSONValue.object(record.filter { $0.1 != .null }).write(into: &out)
            out += index == records.count - 1 ? "\n" : ",\n"
        }
        return out + "]\n"
    }

    /// RFC 4180 CSV with a header row; lists are joined with `;`.
    static func csv(_ records: [[(String, JSONValue)]]) -> String {
        var out = PointRecord.columns.joined(separator: ",") + "\n"
        for record in records {
            out += record.map { csvCell($0.1) }.joined(separator: ",") + "\n"
        }
        return out
    }

    static func csvCell(_ value: JSONValue) -> String {
        let text: String
        switch value {
        case let .string(s): text = s
        case let .int(i): text = String(i)
        case .number: text = value.text
        case let .bool(b): text = b ? "true" : "false"
        case .null: text = ""
        case let .array(items): text = items.map { item in if case let .string(s) = item { s } else { item.text } }.joined(separator: ";")
        case .object: text = value.text
        }
        return CSVField.rfc4180(text)
    }
}
