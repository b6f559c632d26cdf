/// bench's exit statuses, as the commands' help and the README state them.
public enum ExitStatus: Int32, Sendable, Codable {
    case success = 0
    /// The command could not do its job (a bad file or option, a refused database); for
    /// `bench nightly`, regressions were found.
    case failure = 1
    /// It ran, but points, requests or shards failed.
    case partialFailure = 2
    /// Stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).
    case interrupted = 130
}
