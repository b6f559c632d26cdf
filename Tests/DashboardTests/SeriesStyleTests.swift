import Catalog
import Testing

@testable import Dashboard

@Suite struct SeriesStyleTests {
    static let gpus = ["h100", "h200", "b200", "gb200", "mi300x", "mi355x"]
    static let frameworks = ["sglang", "vllm", "trt", "atom", "dynamo-sglang"]

    @Test func thirtySeriesOfSixGPUsAndFiveFrameworksAllLookDifferent() throws {
        let catalog = try Catalog.load()
        let styles = Self.gpus.flatMap { gpu in
            Self.frameworks.map { SeriesStyle(hardware: gpu, framework: $0, specDecoding: "none", disaggregated: false, catalog: catalog) }
        }
        #expect(Set(styles.map { "\($0.color)|\($0.shape)" }).count == 30)
        // One colour per GPU, one shape per framework.
        #expect(Set(styles.map(\.color)).count == 6 && Set(styles.map(\.shape)).count == 5)
    }

    @Test func colourFollowsTheVendorAndStaysPutAcrossRunnerNamesAndCalls() throws {
        let catalog = try Catalog.load()
        func style(_ gpu: String) -> SeriesStyle {
            SeriesStyle(hardware: gpu, framework: "sglang", specDecoding: "none", disaggregated: false, catalog: catalog)
        }
        #expect(SeriesStyle.families["nvidia"]!.contains(style("h200").color) && style("h200").vendor == "nvidia")
        #expect(SeriesStyle.families["amd"]!.contains(style("mi355x").color) && style("mi355x").vendor == "amd")
        // A runner label with a pool suffix is the same GPU, so the same colour.
        #expect(style("b200-multinode").color == style("b200").color && style("h200") == style("h200"))
        #expect(style("tpu-v9").vendor == "other" && SeriesStyle.families["other"]!.contains(style("tpu-v9").color))
    }

    @Test func specDecodingAndDisaggregationAreDashes() throws {
        let catalog = try Catalog.load()
        let dashes = [("none", false), ("mtp", false), ("none", true), ("mtp", true)].map {
            SeriesStyle(hardware: "gb200", framework: "dynamo-sglang", specDecoding: $0.0, disaggregated: $0.1, catalog: catalog).dash
        }
        #expect(dashes[0].isEmpty && Set(dashes).count == 4)
    }
}
