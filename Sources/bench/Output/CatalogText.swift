import Catalog

/// `bench catalog show`: every figure of one entry, then where each figure group comes from.
enum CatalogText {
    static func hardware(_ spec: HardwareSpec) -> String {
        var lines = [
            "\(spec.name): \(spec.displayName) (\(spec.vendor), \(spec.generation))",
            "  aliases:             \(spec.aliases.isEmpty ? "-" : spec.aliases.joined(separator: ", "))",
            "  BF16 TFLOP/s:        \(number(spec.bf16TFLOPs))",
            "  FP8 TFLOP/s:         \(number(spec.fp8TFLOPs))",
            "  FP4 TFLOP/s:         \(spec.fp4TFLOPs.map(number) ?? "- (no native FP4)")",
            "  HBM:                 \(number(spec.hbmGB)) GB at \(number(spec.hbmTBps)) TB/s",
            "  scale-up:            \(number(spec.scaleUpGBps)) GB/s per direction, \(spec.scaleUpLink), domain \(spec.scaleUpDomain) GPUs",
            "  scale-out:           \(number(spec.scaleOutGBps)) GB/s per direction per GPU",
            "  TDP:                 \(number(spec.tdpW)) W",
            "  all-in power:        \(number(spec.allInKW)) kW per GPU",
            "  $/GPU-hour:          hyperscaler \(number(spec.usdPerGPUHour.hyperscaler)), neocloud \(number(spec.usdPerGPUHour.neocloud)), 3-year rental \(number(spec.usdPerGPUHour.rental3yr))",
            "  sources:",
        ]
        lines += spec.sources.sorted { $0.key < $1.key }.map { "    \($0.key): \($0.value)" }
        return lines.joined(separator: "\n") + "\n"
    }

    static func model(_ spec: ModelSpec) -> String {
        var lines = [
            "\(spec.name): \(spec.displayName)",
            "  Hugging Face ids:    \(spec.hfIDs.joined(separator: ", "))",
            "  parameters:          \(number(spec.totalParamsB))B total, \(number(spec.activeParamsB))B active",
            "  layers:              \(spec.layers)" + (spec.denseLayers.map { " (\($0) dense)" } ?? ""),
            "  hidden:              \(spec.hidden), \(spec.queryHeads) query heads" + (spec.kvHeads.map { ", \($0) KV heads" } ?? "")
                + (spec.headDim.map { " of \($0)" } ?? ""),
            "  attention:           \(spec.attention)" + (spec.kvLoraRank.map { ", KV LoRA rank \($0)" } ?? "")
                + (spec.ropeHeadDim.map { " + RoPE \($0)" } ?? "")
                + (spec.slidingWindow.map { ", sliding window \($0) on \(spec.slidingLayers ?? 0) layers" } ?? ""),
            "  KV bytes per token:  \(spec.kvBytesPerToken.bf16) BF16, \(spec.kvBytesPerToken.fp8) FP8",
        ]
        if let sparse = spec.sparseAttention {
            lines.append("  sparse attention:    top \(sparse.selectedTokens) context tokens per query")
        }
        if let linear = spec.linearLayers {
            lines.append("  linear attention:    \(linear) layers, \(spec.stateBytesPerSequence ?? 0) bytes of state per sequence")
        }
        lines += [
            "  vocab:               \(spec.vocab)",
            "  decode GFLOP/token:  \(number(spec.decodeGFLOPPerToken))",
        ]
        if let moe = spec.moe {
            lines.append("  MoE:                 \(moe.routedExperts) routed + \(moe.sharedExperts) shared experts, top-\(moe.topK)")
        }
        if let mtp = spec.mtpLayers { lines.append("  MTP layers:          \(mtp)") }
        lines.append("  sources:")
        lines += spec.sources.sorted { $0.key < $1.key }.map { "    \($0.key): \($0.value)" }
        return lines.joined(separator: "\n") + "\n"
    }
}
