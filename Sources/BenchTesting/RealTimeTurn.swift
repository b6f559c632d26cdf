/// Tests that measure wall-clock latency (an in-process simulated engine, a real-time sweep) take
/// turns across every suite and target of the test process: on a two-core machine two of them
/// at once stretch each other's timings, which their bounds then read as a client or server bug.
public func realTimeTurn<T>(_ body: () async throws -> T) async throws -> T {
    await RealTimeGate.shared.enter()
    do {
        let value = try await body()
        await RealTimeGate.shared.leave()
        return value
    } catch {
        await RealTimeGate.shared.leave()
        throw error
    }
}

/// A first-come, first-served lock that suspends its waiters instead of blocking a thread.
private actor RealTimeGate {
    static let shared = RealTimeGate()
    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        guard held else { held = true; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty { held = false } else { waiting.removeFirst().resume() }
    }
}
