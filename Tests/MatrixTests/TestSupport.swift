import BenchTesting
import Catalog
import Foundation

@testable import Matrix

/// Writes matrix text to a temporary file and loads it like `bench` does; the file is gone
/// afterwards, its path stays in the diagnostics.
func load(_ text: String, name: String = "matrix") throws -> (set: MatrixSet, path: String) {
    try withTemporaryDirectory(name) { folder in
        let path = try folder.writing(text, to: "\(name).yaml")
        return (MatrixSet.load(paths: [path]), path)
    }
}

/// A single-node config with the given search-space lines (flow style, one per line).
func singleNode(
    _ entries: [String], key: String = "dsr1-fp8-h200-sglang", runner: String = "h200",
    isl: Int = 1024, osl: Int = 1024
) -> String {
    FixtureConfig.matrix(
        [
            FixtureConfig(
                key: key, runner: runner, framework: "sglang", entries: entries, model: "deepseek-ai/DeepSeek-R1-0528",
                modelPrefix: "dsr1", precision: "fp8", image: "lmsysorg/sglang:v0.5.9")
        ], isl: isl, osl: osl) + "\n"
}

let multiNodeConfig = """
    dsr1-fp4-gb200-dynamo:
      image: example/dynamo:1
      model: nvidia/DeepSeek-R1-0528-FP4
      model-prefix: dsr1
      runner: gb200-multinode
      precision: fp4
      framework: dynamo-sglang
      multinode: true
      disagg: true
      kv-p2p-transfer: nixl
      scenarios:
        fixed-seq-len:
        - isl: 8192
          osl: 1024
          search-space:
          - spec-decoding: mtp
            conc-list: [8, 32, 128]
            prefill:
              num-worker: 2
              tp: 4
              ep: 4
              dp-attn: true
              additional-settings:
              - "PREFILL_NODES=2"
            decode:
              num-worker: 1
              tp: 16
              ep: 16
              dp-attn: true
          - conc-start: 256
            conc-end: 1000
            prefill:
              num-worker: 1
              tp: 4
              ep: 1
              dp-attn: false
            decode:
              num-worker: 2
              tp: 8
              ep: 1
              dp-attn: false

    """
