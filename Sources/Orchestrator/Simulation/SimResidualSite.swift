import Catalog
import Dashboard
import Engines
import Store

/// The dashboard with every measured point beside the simulated engine's virtual-clock run of
/// the same deployment (SimResiduals, as `bench compare --sim-residuals` computes it): the page
/// draws each measured series' simulated frontier and flags residuals beyond ±band.
public enum SimResidualSite {
    public static func write(
        store: ResultStore, catalog: Catalog, to output: String,
        band: Double = SimResiduals.defaultBand
    ) throws(StoredSite.Failure) -> SiteWriter.Summary {
        let beside: SimulatedBeside
        do {
            beside = try Self.beside(store: store, catalog: catalog, band: band)
        } catch {
            throw .store(error)
        }
        return try StoredSite.write(store: store, catalog: catalog, to: output, beside: beside, redact: Redaction.text)
    }

    /// Every ok point of the measured runs: other engines, ingested results, and the simulated
    /// engine only where it was measured over HTTP in real time. Its virtual-clock runs are the model
    /// itself, so they have no residual.
    static func beside(store: ResultStore, catalog: Catalog, band: Double) throws(StoreError) -> SimulatedBeside {
        let measured = try store.runs().filter { $0.engine != "sim" || $0.clock == "real-time" }.map(\.id)
        var entries: [Int64: SimulatedBeside.Entry] = [:], memo: SimResiduals.Memo = [:]
        for run in measured {
            for point in try store.points(run: run) where point.status == .ok {
                do throws(SimulationRefusal) {
                    guard let residual = try SimResiduals.residual(point, catalog: catalog, memo: &memo) else { continue }
                    entries[point.id] = .simulated(
                        perGPU: residual.simulatedPerGPU, interactivity: residual.simulatedInteractivity,
                        residual: residual.residual, anomaly: residual.isAnomaly(band: band))
                } catch {
                    entries[point.id] = .refused(error.message)
                }
            }
        }
        return SimulatedBeside(band: band, points: entries)
    }
}
