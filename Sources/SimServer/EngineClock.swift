import NIOCore

/// The real-time clock of the simulated engine: monotonic nanoseconds since the engine started.
/// CLOCK_MONOTONIC is shared by every process on the host, so clients can compare `uptime`.
struct EngineClock: Sendable {
    let epochUptime: UInt64

    init() {
        epochUptime = NIODeadline.now().uptimeNanoseconds
    }

    func now() -> (sinceEpoch: Int64, uptime: UInt64) {
        let uptime = NIODeadline.now().uptimeNanoseconds
        return (Int64(uptime &- epochUptime), uptime)
    }

    func deadline(_ sinceEpoch: Int64) -> NIODeadline {
        .uptimeNanoseconds(epochUptime &+ UInt64(max(0, sinceEpoch)))
    }
}
