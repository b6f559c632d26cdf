/// A sweep that cannot start or go on: what, where, and the fix.
public struct SweepError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
