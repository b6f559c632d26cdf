/// One CSV field as bench writes them (`matrix expand --format csv`, `export`, `pareto`, the dashboard).
public enum CSVField {
    /// RFC 4180: quoted only when it holds a comma, quote or line break; quotes doubled.
    public static func rfc4180(_ text: String) -> String {
        // Most fields are plain numbers and names: decide on the bytes, without Character iteration.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// RFC 4180, and a leading =, +, - or @ (other than a number) gets a ' so a spreadsheet never
    /// runs a value that came from a database or a server as a formula.
    public static func quoted(_ text: String) -> String {
        guard let first = text.utf8.first, "=+@-".utf8.contains(first), first != UInt8(ascii: "-") || Double(text) == nil else {
            return rfc4180(text)
        }
        return rfc4180("'" + text)
    }
}
