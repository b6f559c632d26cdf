import Metrics

extension FrontierCurve {
    /// The Pareto frontier of `points` as a curve: only the points no other beats on both axes.
    public init(frontierOf points: [(x: Double, y: Double)], xBetter: Direction = .higher, yBetter: Direction = .higher) {
        let kept = Frontier.indices(x: points.map(\.x), y: points.map(\.y), xBetter: xBetter, yBetter: yBetter)
        self.init(points: kept.map { points[$0] })
    }

    /// Total tok/s/GPU against interactivity (InferenceX's headline chart) over points that have both.
    public init(throughputPerGPUOf points: [PointMetrics]) {
        self.init(
            frontierOf: points.compactMap { point in
                point.interactivity.flatMap { x in point.totalThroughputPerGPU.map { (x, $0) } }
            })
    }
}
