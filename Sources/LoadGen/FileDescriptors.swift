import Foundation

public enum FileDescriptors {
    /// Raises the soft open-files limit to `wanted`: a load opens one socket per stream, and the
    /// perf harnesses hold both ends of every connection in one process.
    public static func raiseLimit(toAtLeast wanted: Int) throws(LoadError) {
        #if os(Linux)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        var limit = rlimit()
        getrlimit(resource, &limit)
        guard limit.rlim_cur < rlim_t(wanted) else { return }
        guard limit.rlim_max >= rlim_t(wanted) else {
            throw .invalidArgument(
                "this needs \(wanted) open files but the hard limit is \(limit.rlim_max); raise it (ulimit -Hn) or use fewer streams")
        }
        limit.rlim_cur = rlim_t(wanted)
        setrlimit(resource, &limit)
    }
}
