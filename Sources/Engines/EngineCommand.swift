/// A command line that starts an engine, as launched and as stored with each point.
public struct EngineCommand: Sendable, Equatable {
    public var executable: String
    public var arguments: [String]
    /// Added to bench's own environment.
    public var environment: [String: String]
    /// Option files the engine reads (absolute path → contents), written before it starts.
    public var files: [String: String]

    public init(executable: String, arguments: [String], environment: [String: String] = [:], files: [String: String] = [:]) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.files = files
    }

    /// What a user could paste into a shell, `VAR=value exe 'arg with space'`, with secret values
    /// redacted: this is what is logged, printed and stored with each point.
    public var display: String {
        let variables = Redaction.environment(environment).sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quoted($0.value))" }
        return (variables + [executable].map(Self.quoted) + Redaction.arguments(arguments).map(Self.quoted)).joined(separator: " ")
    }

    public static func quoted(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
