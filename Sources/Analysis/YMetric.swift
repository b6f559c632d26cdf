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

/// What a frontier's x axis shows: interactivity (1 / TPOT) or end-to-end latency, from the
/// median or a tail of the point's requests.
public enum XMetric: String, Sendable, CaseIterable, Codable {
    /// tok/s/user from the median TPOT, higher is better.
    case interactivity
    /// tok/s/user from the p90 and p99 TPOT (InferenceX's `p90_intvty`, `p99_intvty`).
    case interactivityP90 = "interactivity-p90"
    case interactivityP99 = "interactivity-p99"
    /// Median end-to-end latency in seconds, lower is better.
    case e2el
    case e2elP90 = "e2el-p90"
    case e2elP99 = "e2el-p99"
    /// Agentic-coding points: 1 / p90 (p75) of E2EL per output token, InferenceX's agentic x axis.
    case e2eNormalizedInteractivityP90 = "e2e-norm-interactivity-p90"
    case e2eNormalizedInteractivityP75 = "e2e-norm-interactivity-p75"
    /// Agentic-coding points: p90 TTFT in seconds, lower is better.
    case ttftP90 = "ttft-p90"

    public var better: Direction {
        switch self {
        case .interactivity, .interactivityP90, .interactivityP99, .e2eNormalizedInteractivityP90, .e2eNormalizedInteractivityP75: .higher
        case .e2el, .e2elP90, .e2elP99, .ttftP90: .lower
        }
    }

    public func value(_ point: AnalysisPoint) -> Double? {
        func inverse(_ tpot: Double?) -> Double? { tpot.flatMap { $0 > 0 ? 1 / $0 : nil } }
        switch self {
        case .interactivity: return point.interactivity
        case .interactivityP90: return inverse(point.tails.tpotP90)
        case .interactivityP99: return inverse(point.tails.tpotP99)
        case .e2el: return point.e2el
        case .e2elP90: return point.tails.e2elP90
        case .e2elP99: return point.tails.e2elP99
        case .e2eNormalizedInteractivityP90: return point.agentic?.e2eNormalizedInteractivityP90
        case .e2eNormalizedInteractivityP75: return point.agentic?.e2eNormalizedInteractivityP75
        case .ttftP90: return point.agentic == nil ? nil : point.tails.ttftP90
        }
    }
}
