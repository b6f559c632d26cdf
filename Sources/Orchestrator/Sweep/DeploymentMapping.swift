import Catalog
import Engines
import Matrix
import SimEngine
import Store

extension Deployment {
    /// The name the catalog knows the model by: the matrix's `model` (a Hugging Face id), else its
    /// `model-prefix` (InferenceX's short name, e.g. dsr1 for nvidia/DeepSeek-R1-0528-FP4).
    func catalogModel(_ catalog: Catalog) -> String? {
        [model, modelPrefix].first { catalog.model(named: $0) != nil }
    }

    /// Prefill and decode GPUs of a disaggregated deployment; nil when every GPU does both.
    var poolGPUs: (prefill: Int, decode: Int)? { storedTopology.poolGPUs }

    /// The parallel layout as the store keeps it (and InferenceX's result rows describe it).
    var storedTopology: StoredTopology {
        switch topology {
        case let .singleNode(p):
            return .singleNode(tp: p.tp, ep: p.ep ?? 1, dpAttention: p.dpAttn ?? false, pp: p.pp ?? 1, dcp: p.dcpSize ?? 1, pcp: p.pcpSize ?? 1)
        case let .multiNode(prefill, decode):
            func pool(_ p: Matrix.WorkerPool, maxRunning: Int? = nil, draftTokens: Int? = nil) -> StoredTopology.Pool {
                StoredTopology.Pool(
                    workers: p.numWorker, tp: p.tp, ep: p.ep, dpAttention: p.dpAttn, pp: p.pp ?? 1, dcp: p.dcpSize ?? 1, pcp: p.pcpSize ?? 1,
                    maxRunning: maxRunning, draftTokens: draftTokens)
            }
            return .multiNode(
                prefill: pool(prefill), decode: pool(decode, maxRunning: topology.decodeBatchCap, draftTokens: topology.recipe?.draftTokens))
        }
    }

    /// The deployment as the store keeps it: its stable id is the natural key.
    public func stored(catalog: Catalog) -> StoredDeployment {
        let hardware = catalog.hardware(forRunner: runner)?.name ?? runner
        var tp: Int?, ep: Int?, dpAttention: Bool?
        let description: String
        switch topology {
        case let .singleNode(p):
            (tp, ep, dpAttention) = (p.tp, p.ep ?? 1, p.dpAttn ?? false)
            description =
                "TP\(p.tp)" + ((p.ep ?? 1) > 1 ? " EP\(p.ep!)" : "") + (p.dpAttn == true ? " DPA" : "")
                + ((p.pp ?? 1) > 1 ? " PP\(p.pp!)" : "")
        case let .multiNode(prefill, decode):
            (tp, ep, dpAttention) = (decode.tp, decode.ep, decode.dpAttn)
            description =
                "prefill \(prefill.numWorker)×TP\(prefill.tp) EP\(prefill.ep)\(prefill.dpAttn ? " DPA" : ""), decode \(decode.numWorker)×TP\(decode.tp) EP\(decode.ep)\(decode.dpAttn ? " DPA" : "")"
        }
        return StoredDeployment(
            naturalKey: id, config: configKey, model: model, precision: precision, hardware: hardware,
            framework: framework, gpus: gpus, description: description + (specDecoding == "none" ? "" : " \(specDecoding)"),
            tp: tp, ep: ep, dpAttention: dpAttention, specDecoding: specDecoding, disaggregated: disagg,
            topology: storedTopology, scenario: agentic == nil ? nil : ScenarioType.agenticCoding.rawValue,
            kvOffloading: agentic?.kvOffloading)
    }

    /// The simulated engine's configuration for this deployment: the same one `serve-sim` gets
    /// from the sim recipe's flags, for the virtual clock. `engineArguments` (x-bench
    /// engine-args, --engine-arg) can set the framework's memory fraction.
    func simConfig(catalog: Catalog, kvCacheDType: String?, engineArguments: [String] = []) throws(SimConfigError) -> SimConfig {
        let simTopology = try storedTopology.simTopology()
        var config = try SimConfig.resolve(
            catalog: catalog, hardware: runner, model: catalogModel(catalog) ?? model, precision: precision,
            kvCacheDType: kvCacheDType, topology: simTopology)
        config.maxModelLength = maxModelLen
        storedTopology.useEngine(framework, specDecoding: specDecoding, in: &config, catalog: catalog, engineArguments: engineArguments)
        if let agentic {
            // Trace replay is about prefix reuse: the engines run with prefix caching on (AgenticEngineFlags).
            config.prefixCache = true
            if agentic.offloadsToDRAM {
                config.kvOffload = try KVOffload.dram(totalGB: Double(agentic.totalCPUDRAMGB), hardware: config.hardware)
            }
        }
        return config
    }
}

extension StoredTopology {
    /// Sets the engine's speed factors and draft head, and the decode workers' limits the recipe set
    /// (the same for a planned deployment and a stored one).
    func useEngine(_ framework: String, specDecoding: String?, in config: inout SimConfig, catalog: Catalog, engineArguments: [String] = []) {
        config.decodeMaxRunningRequests = decode?.maxRunning
        config.useFramework(
            framework, catalog: catalog, engineArguments: engineArguments, speculative: .named(specDecoding, draftTokens: decode?.draftTokens))
    }

    /// The simulator's layout for a stored one; both the planned deployments and stored points
    /// (sim residuals) go through here.
    func simTopology() throws(SimConfigError) -> SimTopology {
        guard let prefill, let decode else {
            return .aggregated(WorkerShape(tp: tp, ep: ep, pp: pp, dpAttention: dpAttention))
        }
        if decode.workers == 0 {
            // Aggregated multi-node: the prefill workers serve whole requests.
            guard prefill.workers == 1 else {
                throw SimConfigError(
                    "\(prefill.workers) aggregated replicas behind a router: the simulator models one aggregated instance",
                    fix: "simulate one replica (num-worker: 1) and scale its throughput, or run the real engines")
            }
            return .aggregated(WorkerShape(tp: prefill.tp, ep: prefill.ep, pp: prefill.pp, dpAttention: prefill.dpAttention))
        }
        return .disaggregated(
            prefill: SimEngine.WorkerPool(
                workers: prefill.workers, shape: WorkerShape(tp: prefill.tp, ep: prefill.ep, dpAttention: prefill.dpAttention)),
            decode: SimEngine.WorkerPool(workers: decode.workers, shape: WorkerShape(tp: decode.tp, ep: decode.ep, dpAttention: decode.dpAttention)))
    }
}
