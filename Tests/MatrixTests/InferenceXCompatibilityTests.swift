import Foundation
import Testing
@testable import Matrix

/// A real InferenceX master config (see Fixtures/README.md) expands to the same rows,
/// in the same order, as InferenceX's own full-sweep rules produce.
@Suite struct InferenceXCompatibilityTests {
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test func realMasterConfigLoadsUnchangedAndMatchesTheGeneratorRows() throws {
        let set = MatrixSet.load(paths: [fixtures.appendingPathComponent("inferencex-amd-master-excerpt.yaml").path])
        #expect(set.errors.isEmpty, "\(set.errors)")
        #expect(set.configs.count == 19)
        let points = set.expand()
        #expect(points.count == 320)

        let rows = try canonicalRows(Data(GitHubActionsRows.rows(points).text.utf8))
        let expected = try canonicalRows(Data(contentsOf: fixtures.appendingPathComponent("inferencex-amd-master-excerpt.expected.json")))
        #expect(expected.count == 283)
        #expect(rows.count == expected.count)
        if let index = rows.indices.first(where: { $0 < expected.count && rows[$0] != expected[$0] }) {
            Issue.record("row \(index) differs:\nours     \(rows[index])\nexpected \(expected[index])")
        }
    }

    /// Each row re-serialised with sorted keys, so key order does not matter but every value does.
    private func canonicalRows(_ data: Data) throws -> [String] {
        let rows = try #require(try JSONSerialization.jsonObject(with: data) as? [Any])
        return try rows.map { row in
            String(decoding: try JSONSerialization.data(withJSONObject: row, options: [.sortedKeys]), as: UTF8.self)
        }
    }
}
