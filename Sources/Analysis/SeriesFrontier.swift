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
                guard let xValue = x.value(point), let yValue = y.value(point, hardware: catalog.hardware(forRunner: series.hardware)) else { return nil }
                return (point, xValue, yValue)
            }
            let frontier = Frontier.indices(x: valued.map(\.x), y: valued.map(\.y), xBetter: x.better, yBetter: y.better)
            return SeriesFrontier(series: series, x: x, y: y, points: valued, frontier: frontier)
        }
    }
}
