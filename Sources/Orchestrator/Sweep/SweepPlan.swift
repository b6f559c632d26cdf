import Catalog
import Engines
import Foundation
import Matrix

/// One measurement to take: a matrix point and which repeat of it.
public struct PlannedPoint: Sendable, Hashable {
    public var point: BenchmarkPoint
    public var repeatIndex: Int
}

/// The points of one deployment: one engine launch serves them all, concurrency low to high,
/// each repeat a pass over the concurrencies.
public struct DeploymentGroup: Sendable {
    public var deployment: Deployment
    public var points: [PlannedPoint]
    /// From the matrix's `x-bench` block: vendor flags and environment for native engines.
    public var engineArguments: [String] = []
    public var engineEnvironment: [String: String] = [:]
    /// The catalog name the simulator knows the model by (the matrix's model or its model-prefix).
    public var simModel: String?

    /// The command that serves this group (nil for an external server); native engines get the
    /// `x-bench` flags and environment after the command line's own `--engine-arg`s.
    public func launchCommand(settings: SweepSettings, options: RecipeOptions, port: Int) throws(EngineError) -> EngineCommand? {
        switch settings.engine {
        case .external: return nil
        case .sim:
            var options = options
            options.simModel = simModel
            return try Recipes.command(.sim, for: deployment, port: port, options: options)
        case .native:
            guard let kind = EngineKind(framework: deployment.framework) else {
                throw EngineError("bench has no recipe for framework '\(deployment.framework)'", fix: "use --engine sim or --engine external")
            }
            var options = options
            options.extraArguments += engineArguments
            options.simModel = nil
            var command = try Recipes.command(kind, for: deployment, port: port, options: options)
            command.environment.merge(engineEnvironment) { $1 }
            return command
        }
    }
}

/// A point that will not run here, and why.
public struct SkippedPoint: Sendable {
    public var point: BenchmarkPoint
    public var reason: String
}

/// The expanded sweep: what runs, grouped by deployment, and what is skipped.
public struct SweepPlan: Sendable {
    public var groups: [DeploymentGroup]
    public var skipped: [SkippedPoint]
    /// Agentic-coding points of the matrices not asked for: expanded and listed, not run (see `agenticSkipReason`).
    public var skippedAgentic: [AgenticPoint]
    public static let agenticSkipReason = "agentic-coding: trace replay runs only when asked for (pass --scenario agentic-coding)"
    /// FNV digest of the matrix files' bytes: a resume refuses changed files.
    public var matrixDigest: String
    public var pointCount: Int { groups.reduce(0) { $0 + $1.points.count } }
    /// Points not run, fixed-seq-len and agentic together.
    public var skippedCount: Int { skipped.count + skippedAgentic.count }

    /// Loads and expands the settings' matrices. Invalid files throw with every diagnostic.
    /// `machineHardware` is this machine's catalog hardware name (native engines run only its points).
    public init(settings: SweepSettings, catalog: Catalog, machineHardware: String?) throws(SweepError) {
        let runners: RunnerTable
        do {
            runners = try RunnerTable.load(settings: settings)
        } catch {
            throw SweepError(error.description + "\nfix the runner config (--runner-config FILE)")
        }
        let set = MatrixSet.load(paths: settings.matrixFiles, runners: runners, hardware: catalog)
        guard set.errors.isEmpty else {
            throw SweepError(set.errors.map(\.description).joined(separator: "\n") + "\nfix the matrix (bench matrix validate lists every error)")
        }
        let options = try Self.expansionOptions(settings)
        let scenarios = try Self.scenarios(settings)
        var points = scenarios.contains(.fixedSeqLen) ? set.expand(options, catalog: catalog) : []
        var agentic = set.expandAgentic(options, catalog: catalog)
        if let duration = settings.agenticDurationSeconds {
            for index in agentic.indices { agentic[index].duration = duration }
        }
        if scenarios.contains(.agenticCoding) {
            points += agentic.map(\.benchmarkPoint)
            skippedAgentic = []
        } else {
            skippedAgentic = agentic
        }
        var digestInput = ""
        for file in settings.matrixFiles {
            digestInput += file + "\n" + ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "") + "\n"
        }
        matrixDigest = StableHash.hex(digestInput)

        var order: [String] = []
        var byDeployment: [String: (Deployment, [BenchmarkPoint])] = [:]
        var skipped: [SkippedPoint] = []
        var admission = SimAdmission(catalog: catalog, kvCacheDType: settings.kvCacheDType)
        // A matrix may list one point twice (InferenceX's amd-master has overlapping conc-lists in two
        // search-space entries of the same deployment); the generator emits both rows, a sweep measures it once.
        var firstSource: [String: String] = [:]
        for point in points {
            if let first = firstSource[point.id] {
                skipped.append(SkippedPoint(point: point, reason: "the same point as \(first) (listed twice in the matrix; measured once)"))
                continue
            }
            firstSource[point.id] = point.source
            if let reason = Self.skipReason(point, settings: settings, catalog: catalog, machineHardware: machineHardware)
                ?? (settings.engine == .sim
                    ? admission.refusal(
                        point.deployment,
                        engineArguments: set.engineExtras(forConfig: point.deployment.configKey).arguments + settings.engineArguments) : nil)
            {
                skipped.append(SkippedPoint(point: point, reason: reason))
                continue
            }
            let id = point.deployment.id
            if byDeployment[id] == nil {
                order.append(id)
                byDeployment[id] = (point.deployment, [])
            }
            byDeployment[id]?.1.append(point)
        }
        groups = order.map { id in
            let (deployment, members) = byDeployment[id]!
            let concurrencies = members.sorted { $0.conc < $1.conc }
            let planned = (0..<max(1, settings.repeats)).flatMap { repeatIndex in
                concurrencies.map { PlannedPoint(point: $0, repeatIndex: repeatIndex) }
            }
            let extras = set.engineExtras(forConfig: deployment.configKey)
            return DeploymentGroup(
                deployment: deployment, points: planned, engineArguments: extras.arguments, engineEnvironment: extras.environment,
                simModel: deployment.catalogModel(catalog))
        }
        self.skipped = skipped
        if let shard = settings.shard {
            let owner = ShardAssignment.assign(groups.map { ($0.deployment.id, $0.points.count) }, shards: shard.count)
            groups.removeAll { owner[$0.deployment.id] != shard.index }
        }
    }

    /// Keeps only the points not in `stored` (a resume), dropping groups left empty.
    public func excluding(_ stored: Set<String>) -> SweepPlan {
        var copy = self
        copy.groups = groups.compactMap { group in
            var group = group
            group.points.removeAll { stored.contains(Self.slotKey($0.point.id, $0.repeatIndex)) }
            return group.points.isEmpty ? nil : group
        }
        return copy
    }

    public static func slotKey(_ pointKey: String, _ repeatIndex: Int) -> String { "\(pointKey)#\(repeatIndex)" }

    /// `--scenario` values; fixed-seq-len alone when none was given (an agentic point replays for an hour).
    static func scenarios(_ settings: SweepSettings) throws(SweepError) -> Set<ScenarioType> {
        guard let names = settings.scenarios, !names.isEmpty else { return [.fixedSeqLen] }
        var scenarios: Set<ScenarioType> = []
        for name in names {
            guard let scenario = ScenarioType(rawValue: name) else {
                throw SweepError("unknown --scenario '\(name)'; use \(ScenarioType.allCases.map(\.rawValue).joined(separator: " or "))")
            }
            scenarios.insert(scenario)
        }
        return scenarios
    }

    static func expansionOptions(_ settings: SweepSettings) throws(SweepError) -> ExpansionOptions {
        do {
            return try ExpansionOptions(filters: settings.filters, seqLens: settings.seqLens, minConc: settings.minConc, maxConc: settings.maxConc)
        } catch {
            throw SweepError(error.description)
        }
    }

    static func skipReason(_ point: BenchmarkPoint, settings: SweepSettings, catalog: Catalog, machineHardware: String?) -> String? {
        let deployment = point.deployment
        switch settings.engine {
        case .sim:
            if catalog.hardware(forRunner: deployment.runner) == nil { return "the catalog has no hardware for runner '\(deployment.runner)'" }
            if deployment.catalogModel(catalog) == nil {
                return "the catalog has neither model '\(deployment.model)' nor model-prefix '\(deployment.modelPrefix)'"
            }
            return nil
        case .external:
            return nil
        case .native:
            let wanted = catalog.hardware(forRunner: deployment.runner)?.name ?? deployment.runner
            guard let machineHardware else {
                return "needs \(wanted); no GPU found here (no nvidia-smi or amd-smi on PATH): pass --hardware, or --engine sim"
            }
            if wanted != machineHardware { return "needs \(wanted); this machine is \(machineHardware)" }
            if deployment.multinode { return "multi-node: bench launches native engines on one node; use --engine sim or serve it and pass --url" }
            if EngineKind(framework: deployment.framework) == nil { return "bench has no recipe for framework '\(deployment.framework)'" }
            return nil
        }
    }
}

extension RunnerTable {
    /// The sweep's runners.yaml (`--runner-config`, else one beside the first matrix file), or the built-in table.
    static func load(settings: SweepSettings) throws(DiagnosticsError) -> RunnerTable {
        guard let path = RunnerTable.path(explicit: settings.runnerConfigPath, matrixFiles: settings.matrixFiles) else { return .builtIn }
        return try RunnerTable.load(path: path)
    }
}
