import Foundation
@testable import Engines
import Testing

@Suite struct TelemetryTests {
    /// A folder holding a fake `nvidia-smi` that answers the two queries bench makes.
    static func fakeNvidiaSmi() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-fake-smi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
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
        let tool = GPUTool(vendor: .nvidia, path: try Self.fakeNvidiaSmi())
        #expect(tool.detectHardware(among: ["b200", "h200", "gb200", "h100"]) == "h200")
    }

    @Test func samplesOnlyTheDeploymentsGPUs() throws {
        let tool = GPUTool(vendor: .nvidia, path: try Self.fakeNvidiaSmi())
        let sampler = TelemetrySampler(tool: tool, gpus: 2, intervalSeconds: 0.05)
        // The first reading is taken at start, and stop waits for a reading in progress.
        let result = try #require(sampler.stop())
        #expect(result.samples >= 1)
        #expect(result.averagePowerWatts == 800)
        #expect(result.averageUtilization == 80)
        #expect(result.energyJoules(overSeconds: 2) == 1600)
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
