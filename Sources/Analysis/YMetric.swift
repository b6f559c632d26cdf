import Catalog

/// What a frontier's y axis shows, and which way is better. Cost and power come from the catalog's
/// all-in kW and $/GPU-hr with the formulas below (also in docs/dashboard.md).
public enum YMetric: String, Sendable, CaseIterable, Codable {
    case totalPerGPU = "tput-per-gpu"
    case inputPerGPU = "input-tput-per-gpu"
    case outputPerGPU = "output-tput-per-gpu"
    /// tok/s per MW = tok/s/GPU × 1000 / all-in kW per GPU.
    case tokensPerMW = "tok-per-mw"
    /// $/M tokens = $/GPU-hr / (tok/s/GPU × 3600 / 10⁶), one per cost model.
    case costHyperscaler = "usd-per-mtok-hyperscaler"
    case costNeocloud = "usd-per-mtok-neocloud"
    case costRental = "usd-per-mtok-rental-3yr"
    /// J/token = all-in kW × 1000 / tok/s/GPU.
    case joulesPerToken = "joules-per-token"
    /// From GPU power measured during the point.
    case measuredJoulesPerToken = "measured-joules-per-token"

    public var better: Direction {
        switch self {
        case .costHyperscaler, .costNeocloud, .costRental, .joulesPerToken, .measuredJoulesPerToken: .lower
        default: .higher
        }
    }

    public var unit: String {
        switch self {
        case .totalPerGPU, .inputPerGPU, .outputPerGPU: "tok/s/GPU"
        case .tokensPerMW: "tok/s/MW"
        case .costHyperscaler, .costNeocloud, .costRental: "$/M tokens"
        case .joulesPerToken, .measuredJoulesPerToken: "J/token"
        }
    }

    /// The value for a point; nil when the catalog lacks the hardware or nothing was measured.
    public func value(_ point: AnalysisPoint, hardware: HardwareSpec?) -> Double? {
        let perGPU = point.totalPerGPU
        switch self {
        case .totalPerGPU: return perGPU
        case .inputPerGPU: return point.inputPerGPU
        case .outputPerGPU: return point.outputPerGPU
        case .measuredJoulesPerToken: return point.measuredJoulesPerToken
        default: break
        }
        guard let hardware, perGPU > 0 else { return nil }
        switch self {
        case .tokensPerMW: return perGPU * 1000 / hardware.allInKW
        case .costHyperscaler: return hardware.usdPerGPUHour.hyperscaler / (perGPU * 3600 / 1e6)
        case .costNeocloud: return hardware.usdPerGPUHour.neocloud / (perGPU * 3600 / 1e6)
        case .costRental: return hardware.usdPerGPUHour.rental3yr / (perGPU * 3600 / 1e6)
        case .joulesPerToken: return hardware.allInKW * 1000 / perGPU
        default: return nil
        }
    }
}

/// What a frontier's x axis shows.
public enum XMetric: String, Sendable, CaseIterable, Codable {
    /// tok/s/user, higher is better.
    case interactivity
    /// Median end-to-end latency in seconds, lower is better.
    case e2el

    public var better: Direction { self == .interactivity ? .higher : .lower }

    public func value(_ point: AnalysisPoint) -> Double? {
        self == .interactivity ? point.interactivity : point.e2el
    }
}
