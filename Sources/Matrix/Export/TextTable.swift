/// A plain-text table: every column padded to its widest cell, two spaces apart; the last
/// column is not padded. Every human-readable table bench prints is laid out here.
public enum TextTable {
    /// `rows[0]` is the header; every row has the same number of cells.
    public static func render(_ rows: [[String]]) -> String {
        let widths = (rows.first ?? []).indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var out = ""
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }
            out += String(cells.joined(separator: "  ").reversed().drop { $0 == " " }.reversed()) + "\n"
        }
        return out
    }
}
