import ArgumentParser
import Catalog
import Dashboard
import Foundation
import Orchestrator
import Store

/// `bench dashboard`: the static site from the results database.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Write the static dashboard (HTML, JS, CSS, JSON and CSV per view) from the results database.",
        discussion: "Opens from file:// or any static host; written to a temporary folder and renamed into place.")

    @OptionGroup var database: DatabaseOption
    @Option(help: "The site's folder (replaced whole).") var out = "dashboard-static"
    @Option(
        help:
            "Measured points whose residual against the simulated engine (measured / simulated − 1, total tok/s/GPU) is beyond ±band are marked as anomalies, as bench compare --sim-residuals --band does."
    )
    var simBand = SimResiduals.defaultBand
    @OptionGroup var catalogOption: CatalogOption

    func validate() throws {
        guard simBand > 0 else { throw ValidationError("--sim-band must be positive, e.g. 0.35") }
    }

    func run() throws {
        let catalog = try loadCatalog(catalogOption.path)
        let store = try openStore(database.path, existing: true)
        let summary = try Self.write(store: store, catalog: catalog, out: out, simBand: simBand)
        Console.error(
            "bench dashboard: \(counted(summary.views, "view")), \(counted(summary.points, "point")) written to \(out)/index.html "
                + "(first view \(summary.firstViewBytes / 1024) KiB; drill-downs for \(counted(summary.detailPoints, "point")), \(summary.detailBytes / 1024) KiB)"
        )
    }

    /// Shared with `bench run`, which ends with the dashboard.
    static func write(store: ResultStore, catalog: Catalog, out: String, simBand: Double = SimResiduals.defaultBand) throws -> SiteWriter.Summary {
        do {
            return try SimResidualSite.write(store: store, catalog: catalog, to: out, band: simBand)
        } catch {
            Console.error("bench dashboard: \(error.description)")
            throw ExitCode.failure
        }
    }
}
