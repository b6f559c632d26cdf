import Catalog
import Foundation

/// Fits the per-engine speed factors (Catalog's FrameworkFactor) to published figures, and
/// judges the fit on figures it did not see.
///
/// A factor divides every step's time, so it multiplies a replayed figure's throughput exactly:
/// each figure asks for log factor y = −ln(simulated without factors / published). Groups go from
/// general to specific (all → framework → generation/framework → …/precision → …/MoE or dense);
/// each group's log factor is its figures' mean pulled toward its parent's by `pseudoCount` figures'
/// weight, so a group of one figure moves only part of the way and an absent group inherits.
public enum FactorFit {
    public struct Observation: Sendable {
        public var id: String
        /// Figures from one publisher are left out together.
        public var source: String
        public var generation: String
        public var framework: String
        public var precision: String
        public var moe: Bool
        /// Simulated (without framework factors) over published.
        public var ratio: Double

        public init(id: String, source: String, generation: String, framework: String, precision: String, moe: Bool, ratio: Double) {
            self.id = id
            self.source = source
            self.generation = generation
            self.framework = FrameworkFactor.engineFamily(framework)
            self.precision = precision.lowercased()
            self.moe = moe
            self.ratio = ratio
        }

        var wanted: Double { -log(ratio) }
        /// Entry names from general to specific.
        var groups: [String] { FrameworkFactor.lookupNames(generation: generation, framework: framework, precision: precision, moe: moe).reversed() }
    }

    /// Weight of a group's parent, in figures.
    public static let pseudoCount = 2.0

    /// One entry per group that has figures, plus `all`.
    public static func fit(_ observations: [Observation]) -> [String: FrameworkFactor] {
        var logFactors: [String: Double] = [:]
        var members: [String: [Observation]] = [:]
        for observation in observations {
            for group in observation.groups { members[group, default: []].append(observation) }
        }
        // Parents before children: groups sorted by depth.
        for (group, figures) in members.sorted(by: {
            ($0.key == "all" ? 0 : $0.key.split(separator: "/").count) < ($1.key == "all" ? 0 : $1.key.split(separator: "/").count)
        }) {
            let sum = figures.reduce(0) { $0 + $1.wanted }
            if group == "all" {
                logFactors[group] = sum / Double(figures.count)
            } else {
                let parent = figures[0].groups[figures[0].groups.firstIndex(of: group)! - 1]
                logFactors[group] = (sum + pseudoCount * (logFactors[parent] ?? 0)) / (Double(figures.count) + pseudoCount)
            }
        }
        var entries: [String: FrameworkFactor] = [:]
        for (group, value) in logFactors {
            entries[group] = FrameworkFactor(name: group, factor: exp(value), figures: (members[group] ?? []).map(\.id).sorted())
        }
        return entries
    }

    /// The factor the entries give one observation (its most specific group present).
    static func factor(for observation: Observation, in entries: [String: FrameworkFactor]) -> Double {
        observation.groups.reversed().lazy.compactMap { entries[$0]?.factor }.first ?? 1
    }

    /// Relative error of each figure with the entries applied: simulated / published − 1.
    public static func errors(_ observations: [Observation], with entries: [String: FrameworkFactor]) -> [Double] {
        observations.map { $0.ratio * factor(for: $0, in: entries) - 1 }
    }

    /// Each source's figures predicted by a fit to every other source's: the out-of-sample errors,
    /// in the observations' order.
    public static func leaveOneSourceOut(_ observations: [Observation]) -> [Double] {
        var errors = [Double](repeating: 0, count: observations.count)
        for source in Set(observations.map(\.source)) {
            let entries = fit(observations.filter { $0.source != source })
            for (index, observation) in observations.enumerated() where observation.source == source {
                errors[index] = observation.ratio * factor(for: observation, in: entries) - 1
            }
        }
        return errors
    }
}
