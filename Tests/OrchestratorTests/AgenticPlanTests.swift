import Catalog
import Foundation
import Matrix
import Testing

@testable import Orchestrator

/// Agentic-coding points run only when asked for, as deployments of their own (no ISL/OSL, the
/// replay's duration and KV offload tier in their identity).
@Suite struct AgenticPlanTests {
    static func settings(scenarios: [String]?, duration: Int? = nil) -> SweepSettings {
        var settings = SweepSettings(matrixFiles: ["amd-master.yaml"].map { SimAdmissionTests.fixtures.appendingPathComponent($0).path })
        settings.runnerConfigPath = SimAdmissionTests.fixtures.appendingPathComponent("runners.yaml").path
        settings.virtual = true
        settings.scenarios = scenarios
        settings.agenticDurationSeconds = duration
        return settings
    }

    @Test func withoutTheScenarioAgenticPointsAreListedNotRun() throws {
        let plan = try SweepPlan(settings: Self.settings(scenarios: nil), catalog: try Catalog.load(), machineHardware: nil)
        #expect(!plan.skippedAgentic.isEmpty)
        #expect(plan.groups.allSatisfy { $0.deployment.agentic == nil })
    }

    @Test func theScenarioRunsThemWithTheirDurationAndOffloadTier() throws {
        let catalog = try Catalog.load()
        let plan = try SweepPlan(settings: Self.settings(scenarios: ["agentic-coding"], duration: 300), catalog: catalog, machineHardware: nil)
        let expected = try SweepPlan(settings: Self.settings(scenarios: nil), catalog: catalog, machineHardware: nil).skippedAgentic.count
        #expect(plan.skippedAgentic.isEmpty)
        #expect(plan.pointCount + plan.skipped.count == expected)
        let deployments = plan.groups.map(\.deployment)
        #expect(!deployments.isEmpty && deployments.allSatisfy { $0.agentic?.durationSeconds == 300 && $0.isl == 0 && $0.osl == 0 })
        #expect(deployments.contains { $0.agentic?.offloadsToDRAM == true })
        // Their ids differ from any fixed-seq-len deployment's and from the same entry replayed for another duration.
        let hour = try SweepPlan(settings: Self.settings(scenarios: ["agentic-coding"]), catalog: catalog, machineHardware: nil)
        #expect(Set(hour.groups.map(\.deployment.id)).isDisjoint(with: deployments.map(\.id)))
        let both = try SweepPlan(settings: Self.settings(scenarios: ["fixed-seq-len", "agentic-coding"]), catalog: catalog, machineHardware: nil)
        #expect(both.groups.contains { $0.deployment.agentic == nil } && both.groups.contains { $0.deployment.agentic != nil })
    }

    @Test func aRealTimeReplayIsEstimatedAtItsDuration() throws {
        var settings = Self.settings(scenarios: ["agentic-coding"], duration: 300)
        settings.virtual = false
        settings.filters = ["config=qwen3.5-fp8-mi325x-sglang-agentic-mtp", "tp=8", "ep=1", "conc=4,48"]
        let catalog = try Catalog.load()
        let plan = try SweepPlan(settings: settings, catalog: catalog, machineHardware: nil)
        // Two points of 300 s and one launch of the simulated engine.
        #expect(SweepEstimate(plan: plan, settings: settings, catalog: catalog).seconds(of: plan) == 601)
    }

    @Test func anUnknownScenarioIsRefusedWithTheChoices() {
        #expect(throws: SweepError.self) {
            try SweepPlan(settings: Self.settings(scenarios: ["agentic"]), catalog: try Catalog.load(), machineHardware: nil)
        }
    }
}
