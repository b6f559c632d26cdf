import Catalog

/// One series' frontier on chosen axes: its points (all of them) and which are on the frontier.
public struct SeriesFrontier: Sendable {
    public var series: SeriesKey
    public var x: XMetric
    public var y: YMetric
    /// Points with both values, with them.
    public var points: [(point: AnalysisPoint, x: Double, y: Double)]
    /// Indices into `points`, increasing x.
    public var frontier: [Int]

    public var curve: FrontierCurve { FrontierCurve(points: frontier.map { (points[$0].x, points[$0].y) }) }

    /// Frontiers for every series in `points`, in series order.
    public static func all(_ points: [AnalysisPoint], x: XMetric, y: YMetric, catalog: Catalog) -> [SeriesFrontier] {
        Dictionary(grouping: points, by: \.series).sorted { $0.key < $1.key }.map { series, members in
            let valued = members.compactMap { point -> (point: AnalysisPoint, x: Double, y: Double)? in
                guard let xValue = x.value(point), let yValue = y.value(point, hardware: catalog.hardware(forRunner: series.hardware)) else {
                    return nil
                }
                return (point, xValue, yValue)
            }
            let frontier = Frontier.indices(x: valued.map(\.x), y: valued.map(\.y), xBetter: x.better, yBetter: y.better)
            return SeriesFrontier(series: series, x: x, y: y, points: valued, frontier: frontier)
        }
    }
}

/// The spread of a point's repeats (`--repeats`): the points of its series with the same config,
/// deployment and concurrency (itself included), min and max on each axis.
public struct RepeatSpread: Sendable, Equatable {
    public var count: Int
    public var x: ClosedRange<Double>
    public var y: ClosedRange<Double>
}

extension SeriesFrontier {
    public func spread(of index: Int) -> RepeatSpread {
        let point = points[index].point
        let siblings = points.filter {
            $0.point.config == point.config && $0.point.deployment == point.deployment && $0.point.concurrency == point.concurrency
        }
        let xs = siblings.map(\.x), ys = siblings.map(\.y)
        return RepeatSpread(count: siblings.count, x: xs.min()!...xs.max()!, y: ys.min()!...ys.max()!)
    }
}
