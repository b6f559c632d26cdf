import Dispatch
import Foundation

/// SIGINT and SIGTERM, delivered to a handler instead of killing the process.
enum TerminationSignals {
    /// Calls `handler` on the first SIGINT or SIGTERM only; later ones are ignored.
    static func onFirst(_ handler: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let once = OnceFlag()
        let queue = DispatchQueue(label: "bench.signals")
        let sources = [SIGINT, SIGTERM].map { DispatchSource.makeSignalSource(signal: $0, queue: queue) }
        for source in sources {
            source.setEventHandler {
                if once.claim() {
                    sources.forEach { $0.cancel() }
                    handler()
                }
            }
            source.resume()
        }
    }

    /// Suspends until SIGINT or SIGTERM.
    static func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            onFirst { continuation.resume() }
        }
    }
}

/// True for the first caller only.
final class OnceFlag: @unchecked Sendable {
    private var taken = false
    private let lock = NSLock()

    func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if taken { return false }
        taken = true
        return true
    }
}
