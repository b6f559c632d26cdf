import ArgumentParser
import Orchestrator

/// bench's own exit statuses beside ArgumentParser's `success` (0) and `failure` (1).
extension ExitCode {
    static let partialFailure = ExitCode(ExitStatus.partialFailure.rawValue)
    static let interrupted = ExitCode(ExitStatus.interrupted.rawValue)

    init(_ status: ExitStatus) {
        self.init(status.rawValue)
    }
}
