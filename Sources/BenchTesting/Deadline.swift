/// What a test waited for and did not see in time.
public struct TimedOut: Error, CustomStringConvertible {
    public let description: String
}

/// Polls `condition` every `interval` until it holds; throws `TimedOut` (failing the test) once
/// `timeout` has passed without it. Every wait in the tests goes through here: none sleeps a
/// fixed time, and none can spin forever or end quietly without the thing it waited for.
public func waitUntil(
    _ what: String, within timeout: Duration = .seconds(60), every interval: Duration = .milliseconds(20),
    _ condition: () async throws -> Bool
) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while try await !condition() {
        guard clock.now < deadline else { throw TimedOut(description: "\(what): not within \(timeout)") }
        try await Task.sleep(for: interval)
    }
}
