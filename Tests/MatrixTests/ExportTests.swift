import Catalog
import Foundation
import Testing

@testable import Matrix

@Suite struct ExportTests {
    @Test func githubActionsRowsFollowInferenceXShape() throws {
        let (set, _) = try load(singleNode(["{ tp: 8, ep: 8, dp-attn: true, conc-start: 32, conc-end: 64 }"]) + multiNodeConfig)
        guard case let .array(rows) = GitHubActionsRows.rows(set.expand()) else { Issue.record("not an array"); return }
        #expect(rows.count == 2 + 2, "single-node: one row per concurrency; multi-node: one row per entry")
        let single = try #require(rows.first)
        #expect(
            single
                == .object([
                    ("image", .string("lmsysorg/sglang:v0.5.9")), ("model", .string("deepseek-ai/DeepSeek-R1-0528")),
                    ("model-prefix", .string("dsr1")), ("precision", .string("fp8")), ("framework", .string("sglang")),
                    ("runner", .string("h200")), ("isl", .int(1024)), ("osl", .int(1024)),
                    ("tp", .int(8)), ("pp", .int(1)), ("dcp-size", .int(1)), ("pcp-size", .int(1)), ("ep", .int(8)), ("dp-attn", .bool(true)),
                    ("conc", .int(32)), ("max-model-len", .int(2304)), ("spec-decoding", .string("none")),
                    ("exp-name", .string("dsr1_1k1k")), ("disagg", .bool(false)), ("run-eval", .bool(false)),
                ]))
        guard case let .object(multi) = rows[2] else { Issue.record("not an object"); return }
        let fields = Dictionary(multi, uniquingKeysWith: { a, _ in a })
        #expect(fields["conc"] == .array([.int(8), .int(32), .int(128)]))
        #expect(
            fields["prefill"]
                == .object([
                    ("num-worker", .int(2)), ("tp", .int(4)), ("ep", .int(4)), ("dp-attn", .bool(true)),
                    ("additional-settings", .array([.string("PREFILL_NODES=2")])),
                    ("pp", .int(1)), ("dcp-size", .int(1)), ("pcp-size", .int(1)),
                ]))
        #expect(fields["max-model-len"] == .int(9472) && fields["disagg"] == .bool(true) && fields["tp"] == nil)
        #expect(fields["kv-p2p-transfer"] == .string("nixl"))
        guard case let .object(second) = rows[3] else { return }
        #expect(Dictionary(second, uniquingKeysWith: { a, _ in a })["conc"] == .array([.int(256), .int(512), .int(1000)]))
    }

    @Test func jsonHasOneParsableRecordPerPoint() throws {
        let (set, _) = try load(multiNodeConfig)
        let catalog = try Catalog.load()
        let text = MatrixExport.render(set.expand(), format: .json, hardware: catalog)
        let records = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(records.count == 6)
        #expect(records[0]["hardware"] as? String == "gb200")
        #expect(records[0]["prefill-gpus"] as? Int == 8 && records[0]["decode-gpus"] as? Int == 16 && records[0]["gpus"] as? Int == 24)
        #expect(records[0]["tp"] == nil, "single-node fields are left out of multi-node records")
    }

    @Test func csvQuotesAndKeepsColumnsAligned() throws {
        let text = singleNode(["{ tp: 8, conc-list: [4] }"]).replacingOccurrences(
            of: "image: lmsysorg/sglang:v0.5.9", with: "image: \"a,b \\\"c\\\"\"")
        let (set, _) = try load(text)
        let lines = MatrixExport.render(set.expand(), format: .csv, hardware: nil).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[1].contains(",\"a,b \"\"c\"\"\","))
        #expect(lines[0].split(separator: ",").count == PointRecord.columns.count)
    }

    @Test func jsonEscapesControlCharacters() {
        #expect(JSONValue.string("a\"b\\c\n\u{1}").text == "\"a\\\"b\\\\c\\n\\u0001\"")
    }

    @Test func tableSummarises() throws {
        let (set, _) = try load(singleNode(["{ tp: 8, conc-start: 4, conc-end: 8 }"]) + multiNodeConfig)
        let table = MatrixExport.render(set.expand(), format: .table, hardware: try Catalog.load())
        #expect(table.contains("P 2xTP4 EP4 DPA | D 1xTP16 EP16 DPA"))
        #expect(table.hasSuffix("8 points, 3 deployments, 2 configs\n"))
    }

    @Test func bundledMatricesAreValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("matrices").path)
            .filter { $0.hasSuffix(".yaml") }.map { root.appendingPathComponent("matrices/\($0)").path }
        #expect(files.count >= 6)
        let set = MatrixSet.load(paths: files)
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics)")
        #expect(set.simulatorGaps(catalog: try Catalog.load()).isEmpty)
        let points = set.expand()
        #expect(Set(points.map(\.id)).count == points.count, "ids are unique")
        let runners = Set(points.map(\.deployment.runner))
        #expect(runners.isSuperset(of: ["h100", "h200", "b200", "gb200", "mi300x", "mi325x", "mi355x"]))
    }
}
