/// Why an engine could not be launched, reached or measured: what happened and what to do.
public struct EngineError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String
    public let fix: String

    public init(_ message: String, fix: String) {
        self.message = message
        self.fix = fix
    }

    public var description: String { fix.isEmpty ? message : "\(message); \(fix)" }
}
