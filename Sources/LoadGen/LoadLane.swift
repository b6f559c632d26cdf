/// One of a run's event loops and its share of the work: slot, warmup and request k belong to
/// lane k mod `count`, so every lane owns its connections and records and no two lanes touch
/// the same request. One lane is the whole run.
struct LoadLane: Sendable, Equatable {
    let index: Int
    let count: Int

    static let only = LoadLane(index: 0, count: 1)

    /// Lanes a run uses: `loops`, but never more than the concurrency cap (a lane without a slot
    /// would have nothing to do).
    static func count(for settings: LoadSettings) -> Int {
        max(1, min(settings.loops, settings.maxConcurrency ?? settings.loops))
    }

    /// How many of `total` items (k = 0 ..< total) are this lane's.
    func share(of total: Int) -> Int {
        total > index ? (total - index - 1) / count + 1 : 0
    }

    /// This lane's items among k = 0 ..< total.
    func items(below total: Int) -> StrideTo<Int> {
        stride(from: index, to: total, by: count)
    }

    /// The run's one arrival schedule, reduced to this lane's arrivals (k ≡ index mod count).
    struct Offsets {
        var all: Arrivals.OffsetSequence
        let lane: LoadLane
        var started = false

        mutating func next() -> Double? {
            for _ in 0..<(started ? lane.count - 1 : lane.index) where all.next() == nil { return nil }
            started = true
            return all.next()
        }
    }
}
