import Catalog
import Foundation
import Metrics
import SimEngine

/// The published-figure half of `bench perf sim-calibration`: every figure replayed on the bare
/// roofline, the per-engine speed factors fitted to them, and each figure's error in sample and
/// left out with its whole source (docs/simulator.md, "Validation"). Errors are in speed: + means
/// the simulator is faster (more tok/s, or less latency) than published.
public struct FigureFit: Sendable {
    public struct Replayed: Sendable {
        public var observation: FactorFit.Observation
        public var unit: String
        public var published: Double
        /// On the bare roofline (no speed factors, compute speed 1).
        public var simulated: Double
    }

    /// Replays finished on any core, in the figures' order.
    private final class ReplayOutcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result<Replayed, SimConfigError>?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ outcome: Result<Replayed, SimConfigError>) { lock.withLock { slots[index] = outcome } }
        var values: [Result<Replayed, SimConfigError>?] { lock.withLock { slots } }
    }

    /// One source's |error| medians and 90th percentile.
    public struct SourceRow: Sendable, Equatable {
        public var source: String
        public var figures: Int
        public var inSampleMedian: Double
        public var leftOutMedian: Double
        public var leftOutP90: Double
    }

    public struct Summary: Sendable, Equatable {
        public var inSampleMedian: Double
        public var inSampleP90: Double
        public var leftOutMedian: Double
        public var leftOutP90: Double
        /// In sample with a free offset per publisher (FactorFit.publisherOffsetErrors).
        public var publisherOffsetMedian: Double
        public var publisherOffsetP90: Double
    }

    public let replayed: [Replayed]
    public let refused: [(id: String, reason: String)]
    public let fitted: [String: FrameworkFactor]
    /// Per replayed figure, the error with the fitted factors and with its source left out of the fit.
    public let inSample: [Double]
    public let leftOut: [Double]
    public let publisherOffset: [Double]

    /// Replays every figure whose publisher contains `source` (all when nil) at each compute speed
    /// of FactorFit.computeGrid, the figures spread over the cores.
    public init(catalog: Catalog, source: String?) throws {
        let figures = try PublishedFigure.bundled().filter { figure in source.map { figure.publisher.localizedCaseInsensitiveContains($0) } ?? true }
        let outcomes = ReplayOutcomes(count: figures.count)
        DispatchQueue.concurrentPerform(iterations: figures.count) { index in
            outcomes.set(index, Self.replay(figures[index], catalog: catalog))
        }
        var replayed: [Replayed] = [], refused: [(id: String, reason: String)] = []
        for (figure, outcome) in zip(figures, outcomes.values) {
            switch outcome {
            case .success(let figureReplayed): replayed.append(figureReplayed)
            case .failure(let error): refused.append((figure.id, error.message))
            case nil: refused.append((figure.id, "not replayed"))
            }
        }
        self.init(replayed: replayed, refused: refused)
    }

    private static func replay(_ figure: PublishedFigure, catalog: Catalog) -> Result<Replayed, SimConfigError> {
        do throws(SimConfigError) {
            var simulated: [Double] = []
            for logCompute in FactorFit.computeGrid {
                let value = try FigureReplay.simulate(figure, catalog: catalog, speeds: .bare(computeSpeed: exp(logCompute)))
                guard value.isFinite && value > 0 else { throw SimConfigError("the replay gave no value", fix: "check the figure's setting") }
                simulated.append(value)
            }
            let generation = catalog.hardware(forRunner: figure.hardware)?.generation ?? figure.hardware
            let model = catalog.model(named: figure.model)
            let key = FactorKey(
                generation: generation, framework: figure.framework, precision: figure.precision, model: model?.name ?? figure.model,
                moe: model?.moe != nil, speculative: figure.isSpeculative)
            let observation = FactorFit.Observation(
                id: figure.id, source: figure.publisher, key: key, pool: figure.metric.isPool,
                logRatios: simulated.map { figure.metric.higherIsBetter ? log($0 / figure.value) : log(figure.value / $0) })
            let roofline = simulated[FactorFit.computeGrid.firstIndex(of: 0)!]
            return .success(Replayed(observation: observation, unit: figure.metric.rawValue, published: figure.value, simulated: roofline))
        } catch {
            return .failure(error)
        }
    }

    init(replayed: [Replayed], refused: [(id: String, reason: String)] = []) {
        self.replayed = replayed
        self.refused = refused
        let observations = replayed.map(\.observation)
        fitted = FactorFit.fit(observations)
        inSample = FactorFit.errors(observations, with: fitted)
        leftOut = FactorFit.leaveOneSourceOut(observations)
        publisherOffset = FactorFit.publisherOffsetErrors(observations)
    }

    public var sources: [SourceRow] {
        Dictionary(grouping: replayed.indices, by: { replayed[$0].observation.source }).sorted { $0.key < $1.key }.map { source, indices in
            SourceRow(
                source: source, figures: indices.count, inSampleMedian: Self.quantile(indices.map { inSample[$0] }, 0.5),
                leftOutMedian: Self.quantile(indices.map { leftOut[$0] }, 0.5), leftOutP90: Self.quantile(indices.map { leftOut[$0] }, 0.9))
        }
    }

    public var summary: Summary {
        Summary(
            inSampleMedian: Self.quantile(inSample, 0.5), inSampleP90: Self.quantile(inSample, 0.9),
            leftOutMedian: Self.quantile(leftOut, 0.5), leftOutP90: Self.quantile(leftOut, 0.9),
            publisherOffsetMedian: Self.quantile(publisherOffset, 0.5), publisherOffsetP90: Self.quantile(publisherOffset, 0.9))
    }

    /// The fitted factors as the catalog's framework-factors.yaml.
    public var factorsYAML: String {
        var text = """
            # Per-engine speed factors over the simulator's roofline, fitted to published measurements.
            # Written by `bench perf sim-calibration --write-factors FILE` from Catalog/Resources/published-figures.yaml
            # (\(replayed.count) figures); each entry lists the figures it was fitted to. A deployment's speed factor is the
            # product of the entries that match it: all, <generation>, <framework>, <precision>, moe|dense, <model>,
            # <generation>/<framework>, <generation>/<framework>/<precision>. `compute` divides the GEMM and decode-attention
            # FLOPs of the steps of aggregated engines; disaggregated pools keep the catalog's compute rate (docs/simulator.md).

            """
        for (name, entry) in fitted.sorted(by: { $0.key < $1.key }) {
            text += "\(name):\n  factor: \(String(format: "%.4f", entry.factor))\n  figures: [\(entry.figures.joined(separator: ", "))]\n"
        }
        return text
    }

    /// The q-quantile of the errors' magnitudes (numpy's linear interpolation, as every percentile in bench).
    static func quantile(_ errors: [Double], _ q: Double) -> Double {
        guard !errors.isEmpty else { return .nan }
        return Distribution.percentile(errors.map(abs).sorted(), q * 100)
    }
}
