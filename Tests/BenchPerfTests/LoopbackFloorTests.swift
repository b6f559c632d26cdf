import BenchPerf
import Testing

@Suite struct LoopbackFloorTests {
    @Test func measuresWritesOrSaysTheOSIsNotSupported() throws {
        #if canImport(Glibc)
        let figures = try LoopbackFloor.measure(streams: 4, bytes: 180, seconds: 0.05)
        #expect(figures.writes > 0)
        #expect(figures.cpuSeconds > 0)
        #else
        #expect(throws: PerfError.self) { try LoopbackFloor.measure(streams: 4, bytes: 180, seconds: 0.05) }
        #endif
    }
}
