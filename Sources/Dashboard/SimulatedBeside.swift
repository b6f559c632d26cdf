/// Measured points beside the simulated engine's run of the same deployment (Orchestrator's
/// SimResiduals computes them; the site only ships them): per point the simulated total tok/s/GPU
/// and tok/s/user, the residual measured / simulated − 1 and whether it is beyond ±band, or why
/// the simulator could not run it. The page draws each series' simulated frontier from them.
public struct SimulatedBeside: Sendable {
    public enum Entry: Sendable {
        case simulated(perGPU: Double, interactivity: Double?, residual: Double, anomaly: Bool)
        case refused(String)
    }

    public var band: Double
    public var points: [Int64: Entry]

    public init(band: Double, points: [Int64: Entry]) {
        self.band = band
        self.points = points
    }
}
