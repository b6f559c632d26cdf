import Foundation
import LoadGen

/// `bench perf loopback-floor`'s measurement: what this machine's kernel alone charges for one
/// token event. One thread writes messages round-robin to N loopback TCP connections with bare
/// `write(2)` calls and no other work; another drains them with poll(2). Its writes per
/// CPU-second are the ceiling for any server that gives each stream its own write.
public enum LoopbackFloor {
    public struct Figures: Sendable {
        public var elapsedSeconds: Double
        public var writes: Int
        /// CPU seconds of the writing thread.
        public var cpuSeconds: Double
    }

    public static func measure(streams: Int, bytes: Int, seconds: Double) throws -> Figures {
        #if canImport(Glibc)
        try FileDescriptors.raiseLimit(toAtLeast: 2 * streams + 64)
        let pairs = try LoopbackPairs(count: streams)
        defer { pairs.close() }
        let drain = Thread { pairs.drainReaders() }
        drain.start()

        let message = [UInt8](repeating: UInt8(ascii: "x"), count: bytes)
        var writes = 0
        let cpuStart = ThreadCPU.seconds()
        let clock = ContinuousClock()
        let start = clock.now
        let end = start + .seconds(seconds)
        while clock.now < end {
            writes += pairs.writeOnce(message)
        }
        let figures = Figures(elapsedSeconds: (clock.now - start) / .seconds(1), writes: writes, cpuSeconds: ThreadCPU.seconds() - cpuStart)
        pairs.stopDraining()
        while !drain.isFinished { Thread.sleep(forTimeInterval: 0.001) }
        return figures
        #else
        throw PerfError("loopback-floor uses Linux's socket calls (Glibc) and is not supported on this OS")
        #endif
    }
}
