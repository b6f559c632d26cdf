/// The output formats of `bench matrix expand`.
public enum MatrixFormat: String, CaseIterable, Sendable {
    case table, json, csv, githubActions = "github-actions"
}

public enum MatrixExport {
    public static func render(_ points: [BenchmarkPoint], format: MatrixFormat, hardware: HardwareNaming?) -> String {
        switch format {
        case .json: return json(points, hardware: hardware)
        case .csv: return csv(points, hardware: hardware)
        case .githubActions: return GitHubActionsRows.rows(points).text + "\n"
        case .table: return PointTable.render(points, hardware: hardware)
        }
    }

    /// A JSON array, one object per benchmark point, keys in `PointRecord.columns` order
    /// (fields that do not apply to the point's topology are left out).
    public static func json(_ points: [BenchmarkPoint], hardware: HardwareNaming?) -> String {
        var out = "[\n"
        for (index, point) in points.enumerated() {
            let fields = PointRecord.fields(point, hardware: hardware).filter { $0.1 != .null }
            out += "  "
            JSONValue.object(fields).write(into: &out)
            out += index == points.count - 1 ? "\n" : ",\n"
        }
        return out + "]\n"
    }

    /// RFC 4180 CSV with a header row; lists are joined with `;`.
    public static func csv(_ points: [BenchmarkPoint], hardware: HardwareNaming?) -> String {
        var out = PointRecord.columns.joined(separator: ",") + "\n"
        for point in points {
            let cells = PointRecord.fields(point, hardware: hardware).map { csvCell($0.1) }
            out += cells.joined(separator: ",") + "\n"
        }
        return out
    }

    static func csvCell(_ value: JSONValue) -> String {
        let text: String
        switch value {
        case let .string(s): text = s
        case let .int(i): text = String(i)
        case let .bool(b): text = b ? "true" : "false"
        case .null: text = ""
        case let .array(items): text = items.map { item in if case let .string(s) = item { s } else { item.text } }.joined(separator: ";")
        case .object: text = value.text
        }
        return CSVField.rfc4180(text)
    }
}
