/// Which way an axis improves.
public enum Direction: String, Sendable, Codable {
    case higher
    case lower
}

/// Pareto frontiers of two-metric points.
public enum Frontier {
    /// The indices of the points no other point beats on both axes, in increasing x.
    /// O(n log n): sort by x from best to worst, then keep each point whose y beats every y
    /// seen so far. Of points tied on x only the best y can be on the frontier; exact duplicates
    /// keep the first. NaN coordinates are never on it.
    public static func indices(x: [Double], y: [Double], xBetter: Direction, yBetter: Direction) -> [Int] {
        precondition(x.count == y.count)
        func score(_ value: Double, _ direction: Direction) -> Double { direction == .higher ? value : -value }
        let candidates = x.indices.filter { !x[$0].isNaN && !y[$0].isNaN }
        let order = candidates.sorted { a, b in
            let (xa, xb) = (score(x[a], xBetter), score(x[b], xBetter))
            if xa != xb { return xa > xb }
            let (ya, yb) = (score(y[a], yBetter), score(y[b], yBetter))
            return ya != yb ? ya > yb : a < b
        }
        var kept: [Int] = []
        var bestY = -Double.infinity
        for index in order where score(y[index], yBetter) > bestY {
            kept.append(index)
            bestY = score(y[index], yBetter)
        }
        return kept.sorted { x[$0] != x[$1] ? x[$0] < x[$1] : $0 < $1 }
    }
}
