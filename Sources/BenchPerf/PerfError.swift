/// A harness that cannot run here or whose setup failed; the message says which and why.
public struct PerfError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
