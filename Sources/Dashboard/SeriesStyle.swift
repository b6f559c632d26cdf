import Catalog
import Foundation
import Matrix

/// How a series is drawn, decided here once so every view, run and export agrees: colour by GPU
/// (a hue family per vendor, shades told apart by lightness), marker shape by framework, line dash
/// by spec decoding and disaggregation (precision is one per view, so it needs no dash).
struct SeriesStyle: Equatable {
    var color: String
    var shape: String
    var dash: String
    var vendor: String

    /// Colour-blind-safe families: NVIDIA blues and greens, AMD oranges and browns (the two Okabe–Ito
    /// hues such viewers tell apart best), any other vendor purples and greys. Neighbouring shades
    /// alternate dark and light so GPUs that sort next to each other stay apart.
    static let families: [String: [String]] = [
        "nvidia": ["#0072b2", "#56b4e9", "#004a6e", "#005f46", "#7fd3f0", "#009e73", "#3c8fd6", "#66c9a8"],
        "amd": ["#d55e00", "#e69f00", "#8c3b00", "#f5c26b", "#b35900", "#ffb380"],
        "other": ["#cc79a7", "#6a3d9a", "#999999", "#3d3d3d", "#b294c7"],
    ]

    /// Frameworks InferenceX runs get fixed shapes; any other framework hashes onto one.
    static let shapes = ["circle", "square", "triangle", "diamond", "triangle-down", "plus", "star", "hexagon"]
    static let knownFrameworks = ["sglang", "vllm", "trt", "atom", "dynamo-sglang", "dynamo-trt", "dynamo-vllm", "mori-sglang"]

    init(hardware: String, framework: String, specDecoding: String, disaggregated: Bool, catalog: Catalog) {
        let spec = catalog.hardware(forRunner: hardware)
        let vendor = spec.map { Self.families[$0.vendor] == nil ? "other" : $0.vendor } ?? "other"
        let family = Self.families[vendor]!
        // A GPU's place among its vendor's catalog GPUs (by name): the same shade on every page and run.
        let siblings = catalog.hardware.values.filter { $0.vendor == spec?.vendor }.map(\.name).sorted()
        let place = spec.flatMap { siblings.firstIndex(of: $0.name) } ?? Self.hashed(hardware.lowercased(), family.count)
        color = family[place % family.count]
        let known = Self.knownFrameworks.firstIndex(of: framework.lowercased())
        shape = Self.shapes[(known ?? Self.hashed(framework.lowercased(), Self.shapes.count)) % Self.shapes.count]
        switch (specDecoding != "none", disaggregated) {
        case (false, false): dash = ""
        case (true, false): dash = "7 3"
        case (false, true): dash = "2 3"
        case (true, true): dash = "7 3 2 3"
        }
        self.vendor = vendor
    }

    static func hashed(_ text: String, _ count: Int) -> Int {
        Int(UInt64(StableHash.hex(text).prefix(8), radix: 16) ?? 0) % count
    }
}
