import Foundation

/// Issue 21's scaling targets for `bench perf client --loops 1,2,…`: at each concurrency, every
/// loop count against 1 loop of the same run, which must cost no more CPU per event and, when
/// the server is not the limit, receive more events per second.
public enum ClientScaling {
    public static func lines(_ figures: [ClientFigures]) -> [String] {
        figures.filter { $0.loops > 1 }.compactMap { many in
            guard let one = figures.first(where: { $0.loops == 1 && $0.concurrency == many.concurrency }), one.eventsPerSecond > 0,
                one.cpuPerEvent > 0
            else { return nil }
            let rate = many.eventsPerSecond / one.eventsPerSecond, cpu = many.cpuPerEvent / one.cpuPerEvent
            return "\(many.loops) loops vs 1 at \(many.concurrency) streams: events/s × \(String(format: "%.3f", rate)) (more than 1 loop -> "
                + "\(rate > 1 ? "met" : "NOT met")), CPU per event × \(String(format: "%.3f", cpu)) (no more than 1 loop -> \(cpu <= 1 ? "met" : "NOT met"))"
        }
    }
}
