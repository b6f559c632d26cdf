/// A trace file that cannot be replayed: where (file:line), which field, what is wrong, and the fix.
public struct TraceFileError: Error, CustomStringConvertible, Equatable {
    public var file: String
    /// 1-based; 0 for the file as a whole.
    public var line: Int
    /// The field's path inside the line's object (`requests[3].hash_ids[0]`), or nil.
    public var field: String?
    public var problem: String
    public var fix: String

    public init(file: String, line: Int, field: String? = nil, problem: String, fix: String) {
        self.file = file
        self.line = line
        self.field = field
        self.problem = problem
        self.fix = fix
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return "\(place): \(field.map { "\($0): " } ?? "")\(problem); \(fix)"
    }
}
