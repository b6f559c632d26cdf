/// `bench perf matrix`'s input, a synthetic master config: per config 2 ISL/OSL pairs × 2 entries × 5 concurrencies = 20 points.
public enum GeneratedMatrix {
    public static func text(points: Int) -> String {
        let runners = ["h100", "h200", "b200", "gb200", "mi300x", "mi325x", "mi355x"]
        var out = ""
        for index in 0..<(points / 20) {
            let runner = runners[index % runners.count]
            out += """
                cfg-\(index)-\(runner):
                  image: example/engine:\(index)
                  model: deepseek-ai/DeepSeek-R1-0528
                  model-prefix: dsr1
                  runner: \(runner)
                  precision: fp8
                  framework: sglang
                  multinode: false
                  scenarios:
                    fixed-seq-len:
                    - isl: 1024
                      osl: 1024
                      search-space:
                      - { tp: 8, conc-start: 4, conc-end: 64 }
                      - { tp: 8, ep: 8, dp-attn: true, conc-list: [64, 128, 256, 512, 1024] }
                    - isl: 8192
                      osl: 1024
                      search-space:
                      - { tp: 4, conc-start: 1, conc-end: 16 }
                      - { tp: 8, ep: 8, dp-attn: true, conc-start: 32, conc-end: 512 }

                """
        }
        return out
    }
}
