import ArgumentParser
import Catalog
import Dashboard
import Engines
import Foundation
import Store

/// `bench dashboard`: the static site from the results database.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Write the static dashboard (HTML, JS, CSS, JSON and CSV per view) from the results database.",
        discussion: "Opens from file:// or any static host; written to a temporary folder and renamed into place.")

    @OptionGroup var database: DatabaseOption
    @Option(help: "The site's folder (replaced whole).") var out = "dashboard-static"
    @OptionGroup var catalogOption: CatalogOption

    func run() throws {
        let catalog = try loadCatalog(catalogOption.path)
        let store = try openStore(database.path, existing: true)
        let summary = try Self.write(store: store, catalog: catalog, out: out)
        Console.error("bench dashboard: \(counted(summary.views, "view")), \(counted(summary.points, "point")) written to \(out)/index.html "
                      + "(first view \(summary.firstViewBytes / 1024) KiB; drill-downs for \(counted(summary.detailPoints, "point")), \(summary.detailBytes / 1024) KiB)")
    }

    /// Shared with `bench run`, which ends with the dashboard.
    static func write(store: ResultStore, catalog: Catalog, out: String) throws -> SiteWriter.Summary {
        do {
            return try StoredSite.write(store: store, catalog: catalog, to: out, redact: Redaction.text)
        } catch {
            Console.error("bench dashboard: \(error.description)")
            throw ExitCode.failure
        }
    }
}
