/// A stored point's outcome.
public enum PointStatus: String, Sendable, Codable {
    case ok
    case failed

    /// Read from the database: bench writes only these two; any other text counts as failed, as
    /// the queries' `status <> 'ok'` count it.
    init(stored text: String) {
        self = PointStatus(rawValue: text) ?? .failed
    }
}

/// Where a stored run stands.
public enum RunStatus: String, Sendable, Codable {
    /// Started and not ended (or its process was killed before it could say).
    case running
    /// Every planned point was tried.
    case finished
    /// Stopped by Ctrl-C or SIGTERM; resumable.
    case interrupted
    /// Stopped after `--max-failures` failed points.
    case aborted
    /// A nightly run whose process died, closed by the next night.
    case killed

    /// Read from the database: any text bench does not write reads as a run that ended unfinished.
    init(stored text: String) {
        self = RunStatus(rawValue: text) ?? .interrupted
    }
}
