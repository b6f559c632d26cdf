import BenchTesting
import Catalog
import Foundation
import Testing

@testable import Dashboard

/// Measured points beside the simulated engine: the view files carry, per point, the simulated
/// throughput and interactivity, the residual and the anomaly flag, or why it was not simulated.
@Suite struct SimulatedBesideTests {
    func site(_ beside: SimulatedBeside?, in folder: URL) throws -> (series: [[String: Any]], manifest: [String: Any], script: String, csv: String) {
        let out = folder.appendingPathComponent("site").path
        _ = try SiteWriter.write(points: SiteWriterTests.points(), runs: [SiteWriterTests.run], beside: beside, catalog: try Catalog.load(), to: out)
        let views = try FileManager.default.contentsOfDirectory(atPath: "\(out)/views")
        func read(_ suffix: String) throws -> String {
            try String(
                contentsOfFile: "\(out)/views/\(try #require(views.first { $0.hasSuffix(suffix) && !$0.hasSuffix(".latest.js") }))", encoding: .utf8)
        }
        let view = try JSONSerialization.jsonObject(with: Data(try read(".json").utf8)) as? [String: Any]
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/manifest.json"))) as? [String: Any]
        return (view?["series"] as? [[String: Any]] ?? [], manifest ?? [:], try read(".js"), try read(".csv"))
    }

    /// A JSON column with nulls.
    static func column(_ value: Any?) -> [Double?]? { (value as? [Any])?.map { $0 as? Double } }

    @Test func residualsAnomaliesAndRefusalsTravelInTheViewFiles() throws {
        try withTemporaryDirectory("site") { folder in
            // Points 1-3 are the H200 series (conc 4, 16, 8), point 4 the B200 one.
            let beside = SimulatedBeside(
                band: 0.1,
                points: [
                    1: .simulated(perGPU: 937.5, interactivity: 190, residual: -0.2, anomaly: true),
                    2: .simulated(perGPU: 1265, interactivity: 76, residual: -0.0198, anomaly: false),
                    4: .refused("<script>window.__pwned=1</script> does not fit"),
                ])
            let written = try site(beside, in: folder)
            #expect(written.manifest["simBand"] as? Double == 0.1)
            let h200 = try #require(written.series.first { $0["hardware"] as? String == "h200" })
            let sim = try #require(h200["sim"] as? [String: Any])
            // In concurrency order: 4, 8 (not simulated: no entry), 16.
            #expect(Self.column(sim["res"]) == [-0.2, nil, -0.0198])
            #expect(Self.column(sim["anom"]) == [1, nil, 0])
            #expect(Self.column(sim["tput"]) == [937.5, nil, 1265] && Self.column(sim["intvty"]) == [190, nil, 76])
            #expect(sim["why"] == nil)
            let b200 = try #require(written.series.first { $0["hardware"] as? String == "b200" })
            let why = try #require((b200["sim"] as? [String: Any])?["why"] as? [String: Any])
            #expect(why["names"] as? [String] == ["<script>window.__pwned=1</script> does not fit"] && why["of"] as? [Int] == [0])
            // The script form is escaped like every other text from the database.
            #expect(!written.script.contains("<script>") && written.script.contains("\\u003cscript"))
            #expect(written.csv.contains("sim_tput_per_gpu,sim_residual,sim_anomaly") && written.csv.contains(",937.5,-0.2,ANOMALY"))
        }
    }

    @Test func withoutResidualsTheViewHasNoSimulatedColumns() throws {
        try withTemporaryDirectory("site") { folder in
            let written = try site(nil, in: folder)
            #expect(written.manifest["simBand"] == nil && written.series.allSatisfy { $0["sim"] == nil })
        }
    }
}
