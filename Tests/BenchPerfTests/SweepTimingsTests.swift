import Foundation
import Testing

@testable import BenchPerf

@Suite struct SweepTimingsTests {
    @Test func everyIndexIsClaimedOnceAcrossWorkers() {
        let timings = SweepTimings()
        let claimed = ClaimLog()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            while let index = timings.claim(below: 1000) { claimed.add(index) }
        }
        #expect(claimed.sorted == Array(0..<1000))
        #expect(timings.claim(below: 1000) == nil)
    }

    @Test func summaryAddsCountsAndKeepsTheSlowestPoint() {
        let timings = SweepTimings()
        timings.add(points: 3, failed: 0, slowest: (0.5, "a 1024/1024 conc 4"))
        timings.add(points: 0, failed: 2, slowest: (0, ""))
        timings.add(points: 4, failed: 1, slowest: (1.25, "b 8192/1024 conc 64"))
        timings.add(points: 1, failed: 0, slowest: (0.75, "c 1024/8192 conc 8"))
        let summary = timings.summary
        #expect(summary.points == 8)
        #expect(summary.failed == 3)
        #expect(summary.slowest.seconds == 1.25)
        #expect(summary.slowest.label == "b 8192/1024 conc 64")
    }
}

/// Indices claimed by concurrent workers.
private final class ClaimLog: @unchecked Sendable {
    private let lock = NSLock()
    private var indices: [Int] = []

    func add(_ index: Int) { lock.withLock { indices.append(index) } }
    var sorted: [Int] { lock.withLock { indices.sorted() } }
}
