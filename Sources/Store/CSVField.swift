/// One CSV field as `bench export`, `bench pareto` and the dashboard write it: RFC 4180 quoting,
/// and a leading =, +, - or @ (other than a number) gets a ' so a spreadsheet never runs it as a formula.
public enum CSVField {
    public static func quoted(_ text: String) -> String {
        // Most fields are plain numbers and names: decide on the bytes, without Character iteration.
        let plain = text.utf8.allSatisfy { $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "\"") && $0 != 0x0A && $0 != 0x0D }
        if plain, let first = text.utf8.first, !"=+@-".utf8.contains(first) { return text }
        var text = text
        if let first = text.first, "=+@".contains(first) || (first == "-" && Double(text) == nil) { text = "'" + text }
        guard text.contains(where: { ",\"\n\r".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
