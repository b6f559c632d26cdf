#if canImport(Glibc)
import Glibc
#endif

public enum ThreadCPU {
    /// CPU seconds the calling thread has used (user + system).
    public static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
