import BenchTesting
import Foundation
import Metrics
import Testing

@testable import Store

/// Hand-written result files in each tool's key layout (Fixtures/results; README there names the
/// source each layout was read from), ingested by content with the numbers each file states.
@Suite struct ResultFormatTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/results")

    static func points(_ name: String, flags: IngestSettings = IngestSettings()) throws -> [StoredPoint] {
        let path = folder.appendingPathComponent(name).path
        return try ResultFile.points(json: try Data(contentsOf: URL(fileURLWithPath: path)), path: path, flags: flags)
    }

    static func flags(
        hardware: String? = nil, precision: String? = nil, framework: String? = nil, gpus: Int? = nil,
        isl: Int? = nil, osl: Int? = nil
    ) -> IngestSettings {
        var flags = IngestSettings()
        (flags.hardware, flags.precision, flags.framework, flags.gpus, flags.isl, flags.osl) = (hardware, precision, framework, gpus, isl, osl)
        return flags
    }

    static func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test(arguments: [
        ("vllm.json", ResultFormat.vllm), ("glm5_fp8_vllm_tp8_isl10240_osl128_conc16.json", .vllmSeconds),
        ("sglang.jsonl", .sglang), ("aiperf.json", .aiperf), ("guidellm.json", .guidellm), ("inferencex-rows.json", .inferenceX),
    ])
    func eachFormatIsToldByItsKeys(name: String, format: ResultFormat) throws {
        let path = Self.folder.appendingPathComponent(name).path
        let objects = try ResultFile.objects(try Data(contentsOf: URL(fileURLWithPath: path)), path: path)
        #expect(objects.allSatisfy { ResultFormat.detect($0) == format })
    }

    @Test func vllmNamesEverySettingItLacksAtOnce() throws {
        do {
            _ = try Self.points("vllm.json")
            Issue.record("a file without hardware, precision, framework, GPUs or lengths must not ingest")
        } catch {
            #expect(
                "\(error)".contains(
                    "(vllm) does not say its hardware (--hardware), framework (--framework), precision (--precision), GPU count (--gpus or --tp), ISL (--isl), OSL (--osl)"
                ))
        }
    }

    @Test func vllmCurrentLayoutReadsMillisecondsAndDerivesInputThroughputFromTokens() throws {
        let point = try #require(
            try Self.points(
                "vllm.json",
                flags: Self.flags(
                    hardware: "h200", precision: "fp8", framework: "vllm", gpus: 8,
                    isl: 1024, osl: 128)
            ).first)
        let m = try #require(point.metrics)
        #expect(point.concurrency == 16 && point.deployment.model == "meta-llama/Llama-3.1-8B-Instruct")
        // No input_throughput key: 163,840 input tokens / 50 s.
        #expect(Self.close(m.inputThroughput, 3276.8) && Self.close(m.outputThroughput, 409.6))
        #expect(Self.close(m.totalThroughputPerGPU, 3686.4 / 8))
        #expect(Self.close(m.ttft?.median, 0.1689) && Self.close(m.ttft?.p999, 0.4283) && Self.close(m.e2el?.p90, 5.1603))
        #expect(Self.close(m.interactivity, 1000 / 37.93))
    }

    /// InferenceX's experimental files: seconds, median and p99 only, `input_throughput`; the rest from the file name.
    @Test func olderSecondsLayoutTakesTheRestFromTheFileName() throws {
        let point = try #require(try Self.points("glm5_fp8_vllm_tp8_isl10240_osl128_conc16.json", flags: Self.flags(hardware: "h200")).first)
        let m = try #require(point.metrics)
        #expect(point.deployment.precision == "fp8" && point.deployment.framework == "vllm" && point.deployment.gpus == 8)
        #expect(point.isl == 10240 && point.osl == 128 && point.concurrency == 16)
        // (1,638,400 + 20,480) tokens / 200 s / 8 GPUs.
        #expect(Self.close(m.totalThroughputPerGPU, 1036.8))
        #expect(Self.close(m.inputThroughput, 8192) && m.inputThroughput > 0)
        #expect(m.ttft?.median == 3.0 && m.ttft?.p99 == 16.5 && m.tpot?.median == 0.14 && m.e2el?.median == 21.0)
        #expect(m.ttft?.mean == nil && m.ttft?.p90 == nil && m.ttft?.std == nil, "a statistic the file lacks is not invented")
    }

    @Test func sglangJSONLinesWithInfinityAreTwoPoints() throws {
        let points = try Self.points("sglang.jsonl", flags: Self.flags(hardware: "h100", precision: "bf16", framework: "sglang", gpus: 1))
        #expect(points.map(\.concurrency) == [16, 32])
        #expect(points.allSatisfy { $0.deployment.model == "meta-llama/Llama-3.1-8B-Instruct" && $0.isl == 1024 && $0.osl == 128 })
        let m = try #require(points[0].metrics)
        #expect(Self.close(m.e2el?.median, 4.9964) && Self.close(m.inputThroughput, 3276.8) && m.failed == 0)
        #expect(Self.close(points[1].metrics?.tpot?.median, 0.048))
    }

    @Test func aiperfReadsItsUnitsAndItsInputConfig() throws {
        let point = try #require(
            try Self.points("aiperf.json", flags: Self.flags(hardware: "h100", precision: "bf16", framework: "vllm", gpus: 1)).first)
        let m = try #require(point.metrics)
        #expect(point.concurrency == 16 && point.isl == 1024 && point.osl == 128 && point.deployment.model == "meta-llama/Llama-3.1-8B-Instruct")
        #expect(m.completed == 160 && Self.close(m.durationSeconds, 50))
        #expect(Self.close(m.ttft?.median, 0.1689) && Self.close(m.e2el?.median, 4.9964))
        // AIPerf's inter_token_latency is the per-request TPOT; no p99.9 exists in its export.
        #expect(Self.close(m.tpot?.median, 0.03793) && m.tpot?.p999 == nil)
        #expect(Self.close(m.totalThroughput, 3686.4))
    }

    @Test func guidellmHasOnePointPerBenchmark() throws {
        let points = try Self.points("guidellm.json", flags: Self.flags(hardware: "h200", precision: "fp8", framework: "vllm", gpus: 4))
        #expect(points.map(\.concurrency) == [16, 32])
        let m = try #require(points[0].metrics)
        #expect(m.completed == 160 && m.failed == 2 && m.inputTokens == 163_840)
        #expect(Self.close(m.ttft?.median, 0.1692) && Self.close(m.e2el?.median, 4.95), "TTFT in ms, request latency in seconds")
        #expect(m.itl == nil, "guidellm reports no per-chunk ITL")
        #expect(Self.close(m.outputThroughput, 409.6))
    }

    @Test func inferenceXRowsKeepEveryDeploymentApartAndCountGPUsAsProcessResult() throws {
        let points = try Self.points("inferencex-rows.json")
        #expect(points.count == 4)
        #expect(Set(points.map(\.deployment.naturalKey)).count == 4, "MTP and non-MTP at the same TP/EP/conc are two deployments")
        #expect(points.map { $0.deployment.specDecoding } == ["none", "mtp", "none", "none"])
        #expect(points[0].deployment.hardware == "b200" && points[0].deployment.topology?.ep == 4 && points[0].deployment.dpAttention == true)
        #expect(points[0].power?.averageWatts == 812.5 && points[1].power == nil, "power only where power_valid")

        let disagg = try #require(points[2].metrics)
        #expect(points[2].deployment.gpus == 24 && points[2].deployment.disaggregated == true)
        #expect(
            Self.close(disagg.totalThroughputPerGPU, 5000) && Self.close(disagg.inputThroughputPerGPU, 13000)
                && Self.close(disagg.outputThroughputPerGPU, 1000))
        #expect(Self.close(disagg.totalThroughput, 120_000))

        let aggregated = try #require(points[3].metrics)
        #expect(points[3].deployment.gpus == 16 && points[3].deployment.topology?.poolGPUs == nil)
        #expect(Self.close(aggregated.outputThroughputPerGPU, 30) && Self.close(aggregated.inputThroughputPerGPU, 270))
        #expect(Self.close(points[1].metrics?.interactivity, 80))

        try withTemporaryStore { store, _ throws in
            #expect(try store.ingest(points, runUID: "ix", source: "rows", harnessVersion: "t", host: "h") == IngestCount(runs: 1, points: 4))
            #expect(
                try store.ingest(points, runUID: "ix", source: "rows", harnessVersion: "t", host: "h") == IngestCount(runs: 0, points: 0, skipped: 4))
        }
    }

    @Test func aFileWithOneUnreadableObjectStoresNothing() throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent("inferencex-rows.json"), encoding: .utf8)
        let broken = text.replacingOccurrences(of: #""hw": "gb300", "conc": 16,"#, with: #""hw": "gb300","#)
        do {
            _ = try ResultFile.points(json: Data(broken.utf8), path: "rows.json", flags: IngestSettings())
            Issue.record("a row without its concurrency must stop the whole file")
        } catch {
            #expect("\(error)".contains("object 3 (inferencex) does not say its concurrency (--conc)"))
        }
    }

    @Test func fileNamesFollowingInferenceXsPatternGiveSettings() throws {
        let settings = try #require(IngestSettings(fileName: "/x/dsr1_fp4_sglang_tp4_isl8192_osl1024_conc64.json"))
        #expect(settings.precision == "fp4" && settings.framework == "sglang" && settings.tp == 4 && settings.isl == 8192)
        #expect(settings.osl == 1024 && settings.concurrency == 64 && settings.config == "dsr1-fp4-sglang")
        #expect(IngestSettings(fileName: "results.json") == nil)
    }
}
