import Catalog
import Foundation

/// Fits the framework-factors entries (Catalog's FrameworkFactor) to published figures, and judges
/// the fit on figures it did not see.
///
/// The model, in log space: ln(published speed) = ln(roofline speed with the compute side divided by
/// k, or by 1 for a disaggregated pool) + Σ effects that match the figure. The effects divide every
/// step, so they move a replayed figure's speed exactly; for one k they are a ridge regression on −ln(replayed / published), each
/// effect pulled toward 1 with a few figures' weight (`penalty`), `all` free. The compute speed k
/// changes how each step balances compute and memory, so every figure is replayed at the compute
/// speeds of `computeGrid` (linear in ln between them), and k is the value on a fine grid whose
/// regression leaves the least penalised squares.
public enum FactorFit {
    public struct Observation: Sendable {
        public var id: String
        /// Figures from one publisher are left out together.
        public var source: String
        public var key: FactorKey
        /// A prefill or decode pool of a disaggregated deployment measured alone: it runs at the
        /// catalog's compute rate, so its ln ratio is read at compute speed 1 whatever k is fitted.
        public var pool: Bool
        /// ln(replayed speed without effects / published speed) at each of `computeGrid`'s compute speeds.
        public var logRatios: [Double]
        /// Whether the figure's publisher gets its own offset in place of `all` (`withPublisherOffset`).
        var offsetsPublisher = false

        public init(id: String, source: String, key: FactorKey, pool: Bool = false, logRatios: [Double]) {
            precondition(logRatios.count == FactorFit.computeGrid.count, "one replay per compute speed of FactorFit.computeGrid")
            self.id = id
            self.source = source
            self.key = key
            self.pool = pool
            self.logRatios = logRatios
        }

        /// A figure whose replay does not depend on the compute speed, at `ratio` = simulated / published.
        public init(id: String, source: String, key: FactorKey, pool: Bool = false, ratio: Double) {
            self.init(id: id, source: source, key: key, pool: pool, logRatios: Array(repeating: log(ratio), count: FactorFit.computeGrid.count))
        }

        /// The entries that move this figure: its key's, with its publisher's own offset in place of `all` when it has one.
        var effects: [String] {
            offsetsPublisher ? key.effectNames.filter { $0 != "all" } + [FactorFit.publisherPrefix + source] : key.effectNames
        }

        /// The same figure with a free offset for its publisher instead of `all`.
        var withPublisherOffset: Observation {
            var copy = self
            copy.offsetsPublisher = true
            return copy
        }

        /// ln(replayed / published) at compute speed e^x (e^0 for a pool), linear between grid points and
        /// flat past the ends.
        func logRatio(atLogCompute fitted: Double) -> Double {
            let x = pool ? 0 : fitted
            let grid = FactorFit.computeGrid
            guard x > grid[0] else { return logRatios[0] }
            for index in 1..<grid.count where x <= grid[index] {
                let share = (x - grid[index - 1]) / (grid[index] - grid[index - 1])
                return logRatios[index - 1] + share * (logRatios[index] - logRatios[index - 1])
            }
            return logRatios[grid.count - 1]
        }
    }

    /// ln of the compute speeds each figure is replayed at (1 included: the bare roofline).
    public static let computeGrid: [Double] = [-2, -1.5, -1, -0.5, 0, 0.5]
    /// Steps of ln k searched between the grid's ends.
    static let searchSteps = 125

    /// Ridge weight of an effect, in figures: `all` and a publisher's own offset are free; a generation, engine, precision, kernel
    /// path, model, and an engine on one generation, weigh 4; an engine, generation and precision together 8.
    static func penalty(_ effect: String) -> Double {
        if effect == "all" || effect.hasPrefix(publisherPrefix) { return 0 }
        return effect.split(separator: "/").count >= 3 ? 8 : 4
    }

    /// One entry per effect some figure has, plus `compute`.
    public static func fit(_ observations: [Observation]) -> [String: FrameworkFactor] {
        guard !observations.isEmpty else { return [:] }
        let names = Set(observations.flatMap(\.effects)).sorted()
        let column = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let design = observations.map { observation in
            var row = [Double](repeating: 0, count: names.count)
            for effect in observation.effects { row[column[effect]!] = 1 }
            return row
        }
        let penalties = names.map(penalty)
        let grid = computeGrid
        var best: (logCompute: Double, regression: RidgeRegression)?
        for step in 0...searchSteps {
            let logCompute = grid[0] + (grid[grid.count - 1] - grid[0]) * Double(step) / Double(searchSteps)
            let targets = observations.map { -$0.logRatio(atLogCompute: logCompute) }
            guard let regression = RidgeRegression(design: design, targets: targets, penalties: penalties) else { continue }
            if best.map({ regression.cost < $0.regression.cost }) ?? true { best = (logCompute, regression) }
        }
        guard let best else { return [:] }
        var entries: [String: FrameworkFactor] = [:]
        for (name, value) in zip(names, best.regression.coefficients) {
            let members = observations.filter { $0.effects.contains(name) }.map(\.id).sorted()
            entries[name] = FrameworkFactor(name: name, factor: exp(value), figures: members)
        }
        let computeName = FrameworkFactor.computeEntry
        entries[computeName] = FrameworkFactor(name: computeName, factor: exp(best.logCompute), figures: observations.map(\.id).sorted())
        return entries
    }

    /// ln(predicted / published speed) of one figure under the entries.
    static func logError(_ observation: Observation, with entries: [String: FrameworkFactor]) -> Double {
        let logCompute = log(entries[FrameworkFactor.computeEntry]?.factor ?? 1)
        return observation.effects.reduce(observation.logRatio(atLogCompute: logCompute)) { $0 + log(entries[$1]?.factor ?? 1) }
    }

    /// Relative error in speed of each figure with the entries applied: predicted / published − 1.
    public static func errors(_ observations: [Observation], with entries: [String: FrameworkFactor]) -> [Double] {
        observations.map { exp(logError($0, with: entries)) - 1 }
    }

    /// Names a publisher's own offset in `publisherOffsetErrors`.
    static let publisherPrefix = "publisher:"

    /// In-sample errors when every publisher also gets a free offset of its own: what the figures
    /// allow a model of this family. A left-out publisher's offset cannot be known, so its figures
    /// cannot be expected to come out closer than this.
    public static func publisherOffsetErrors(_ observations: [Observation]) -> [Double] {
        let offset = observations.map(\.withPublisherOffset)
        return errors(offset, with: fit(offset))
    }

    /// Each source's figures predicted by a fit to every other source's: the out-of-sample errors,
    /// in the observations' order.
    public static func leaveOneSourceOut(_ observations: [Observation]) -> [Double] {
        var errors = [Double](repeating: 0, count: observations.count)
        for source in Set(observations.map(\.source)) {
            let entries = fit(observations.filter { $0.source != source })
            for (index, observation) in observations.enumerated() where observation.source == source {
                errors[index] = exp(logError(observation, with: entries)) - 1
            }
        }
        return errors
    }
}
