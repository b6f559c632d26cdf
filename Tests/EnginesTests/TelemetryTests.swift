import BenchTesting
import Foundation
import Testing

@testable import Engines

@Suite struct TelemetryTests {
    /// A fake `nvidia-smi` in `folder` that answers the two queries bench makes.
    static func fakeNvidiaSmi(in folder: URL) throws -> String {
        let script = """
            #!/bin/sh
            case "$*" in
              *query-gpu=name*) echo "NVIDIA H200"; echo "NVIDIA H200" ;;
              *power.draw*) echo "0, 300.00, 90"; echo "1, 500.00, 70"; echo "2, 9999.0, 0" ;;
              *) exit 2 ;;
            esac
            """
        let path = folder.appendingPathComponent("nvidia-smi").path
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    @Test func detectsHardwareFromTheProductName() throws {
        try withTemporaryDirectory("smi") { folder in
            let tool = GPUTool(vendor: .nvidia, path: try Self.fakeNvidiaSmi(in: folder))
            #expect(tool.detectHardware(among: ["b200", "h200", "gb200", "h100"]) == "h200")
        }
    }

    @Test func samplesOnlyTheDeploymentsGPUs() throws {
        try withTemporaryDirectory("smi") { folder in
            let tool = GPUTool(vendor: .nvidia, path: try Self.fakeNvidiaSmi(in: folder))
            let sampler = TelemetrySampler(tool: tool, gpus: 2, intervalSeconds: 0.05)
            // The first reading is taken at start, and stop waits for a reading in progress.
            let trace = try #require(sampler.stop())
            #expect(trace.samples.count >= 1 && trace.intervalSeconds == 0.05)
            #expect(trace.samples.allSatisfy { $0.watts == 800 && $0.gpus == 2 && $0.utilization == 80 })
            // Constant 800 W over two GPUs: 400 W each; over a 2 s window, 1,600 J.
            let start = trace.samples[0].time
            let summary = try #require(trace.summary(start: start, end: start + 2_000_000_000))
            #expect(summary.averagePowerWattsPerGPU == 400 && summary.energyJoules == 1600 && summary.averageUtilization == 80)
        }
    }

    /// InferenceX's method: the trapezoid integral over exactly the measured window, edges interpolated.
    @Test func energyIsTheTrapezoidIntegralOverTheMeasuredWindowOnly() throws {
        let second: Int64 = 1_000_000_000
        // Warmup at 100 W before t=10 s; then 200, 400, 400, 200 W at 11–14 s, two GPUs.
        let samples = [9, 10, 11, 12, 13, 14].map { t in
            PowerSample(time: Int64(t) * second, watts: [9: 100, 10: 100, 11: 200, 12: 400, 13: 400, 14: 200][t]!, gpus: 2, utilization: nil)
        }
        let trace = PowerTrace(samples: samples.reversed(), intervalSeconds: 1)
        // Window 10.5 s → 13.5 s. Power at 10.5 s = 150 W, at 13.5 s = 300 W (linear between samples).
        // Trapezoids: 10.5→11: (150+200)/2·0.5 = 87.5; 11→12: 300; 12→13: 400; 13→13.5: (400+300)/2·0.5 = 175. Sum 962.5 J.
        let summary = try #require(trace.summary(start: 10 * second + second / 2, end: 13 * second + second / 2))
        #expect(abs(summary.energyJoules - 962.5) < 1e-9)
        #expect(abs(summary.averagePowerWattsPerGPU - 962.5 / 3 / 2) < 1e-9, "per GPU, over the window's 3 s")
        #expect(summary.samples == 3 && summary.gpus == 2)
        #expect(trace.summary(start: 5, end: 5) == nil)
    }

    @Test func parsesAMDSmiCSVByColumnName() {
        let text = """
            gpu,socket_power,gfx_voltage,gfx_activity,umc_activity
            0,612 W,800,93 %,40
            1,600,800,91,40
            """
        #expect(GPUReading.parseAMD(text) == [GPUReading(index: 0, watts: 612, utilization: 93), GPUReading(index: 1, watts: 600, utilization: 91)])
        #expect(GPUReading.parseNvidia("0, [N/A], 5\n1, 250.5, 7") == [GPUReading(index: 1, watts: 250.5, utilization: 7)])
    }
}
