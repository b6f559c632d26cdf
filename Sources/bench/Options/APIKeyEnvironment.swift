import ArgumentParser
import Foundation

/// `--api-key-env VAR`: the key is read from the environment so it never appears in a command
/// line, a process list or a stored command.
enum APIKeyEnvironment {
    static func read(_ variable: String?) throws -> String? {
        guard let variable else { return nil }
        guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else {
            throw ValidationError("--api-key-env \(variable): that environment variable is not set; export it or drop the flag")
        }
        return value
    }
}
