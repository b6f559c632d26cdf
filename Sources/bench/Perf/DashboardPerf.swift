import ArgumentParser
import BenchPerf
import Catalog
import Foundation

/// `bench perf dashboard`: the site's first-view weight with 5,000 stored points, its generation
/// time from 100,000 (budgets: ≤ 300 KB, < 5 s), and the drill-down files' bytes per 1,000 points
/// that have their requests stored.
struct DashboardPerf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract:
            "Generate dashboards from synthetic databases: first-view bytes with --first-view-points stored points (target ≤ 300 KB at 5,000), generation time from --points (target < 5 s at 100,000), drill-down bytes from --detail-points points with their requests."
    )

    @Option(help: "Stored points for the generation-time measurement.") var points = 100_000
    @Option(help: "Stored points for the first-view weight measurement.") var firstViewPoints = 5_000
    @Option(help: "Stored points with 10 × concurrency requests each (128 tokens; concurrency 1 to 128) for the drill-down size.")
    var detailPoints = 1_000

    func run() throws {
        let catalog = try Catalog.load()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-perf-dashboard-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (count, views, label) in [
            (firstViewPoints, 12, "spread over 12 views"), (firstViewPoints, 1, "all in one view"), (points, 12, "spread over 12 views"),
        ] {
            let figures = try DashboardTiming.measure(points: count, views: views, in: folder, catalog: catalog, harnessVersion: Bench.version)
            Console.line(
                String(
                    format: "%7d stored points (%@): %d views, generated in %.2f s, first view (page + scripts + style.css) %.0f KB",
                    count, label, figures.site.views, figures.seconds, Double(figures.site.firstViewBytes) / 1000))
        }
        let detail = try DashboardTiming.measure(
            points: detailPoints, views: 12, concurrencies: [1, 2, 4, 8, 16, 32, 64, 128], requests: true,
            in: folder, catalog: catalog, harnessVersion: Bench.version)
        let summary = detail.site
        Console.line(
            String(
                format:
                    "%7d stored points with %d requests (10 × conc, 128 tokens each): generated in %.2f s; drill-downs for %d points, %.1f MB (.json + .js), %.1f MB per 1,000 points",
                detailPoints, detail.requests, detail.seconds, summary.detailPoints, Double(summary.detailBytes) / 1e6,
                Double(summary.detailBytes) / 1e6 / Double(max(1, summary.detailPoints)) * 1000))
    }
}
