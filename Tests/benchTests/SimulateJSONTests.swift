import Foundation
import Metrics
import Testing

@testable import bench

@Suite struct SimulateJSONTests {
    /// A point with nothing measured: its missing and non-finite figures are JSON nulls, never `nan`.
    @Test func missingAndNonFiniteFiguresAreNull() throws {
        let text = PointMetrics(records: [], concurrency: 1, gpus: 8).simulateJSON(wallSeconds: .nan)
        #expect(!text.contains("nan") && !text.contains("inf"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["interactivity"] is NSNull && object["wall_s"] is NSNull && object["median_tpot_ms"] is NSNull)
        #expect(object["requests"] as? Int == 0)
    }
}
