import Foundation

/// Runs a blocking call (process launch and readiness polling, teardown) on its own thread,
/// so it never holds one of the few cooperative-pool threads a 2-core machine has.
func offThread<T: Sendable, E: Error>(_ body: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
    let result: Result<T, E> = await withCheckedContinuation { continuation in
        Thread {
            do throws(E) {
                continuation.resume(returning: .success(try body()))
            } catch {
                continuation.resume(returning: .failure(error))
            }
        }.start()
    }
    return try result.get()
}
