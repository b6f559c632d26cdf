import Catalog
import Matrix
import SimEngine

/// Whether the simulated engine can serve a deployment at all: its configuration resolves (a
/// modelled precision and topology, weights that fit) and one request of its ISL + OSL fits the KV
/// cache. Asked once per deployment; the plan lists refused points as skipped with the reason.
struct SimAdmission {
    let catalog: Catalog
    let kvCacheDType: String?
    private var verdicts: [String: String?] = [:]

    init(catalog: Catalog, kvCacheDType: String?) {
        self.catalog = catalog
        self.kvCacheDType = kvCacheDType
    }

    /// Why the simulator cannot run this deployment, or nil; `engineArguments` are the ones its
    /// engine would get (they can set the memory fraction).
    mutating func refusal(_ deployment: Deployment, engineArguments: [String] = []) -> String? {
        if let known = verdicts[deployment.id] { return known }
        let verdict: String?
        do {
            let config = try deployment.simConfig(catalog: catalog, kvCacheDType: kvCacheDType, engineArguments: engineArguments)
            let cluster = try SimCluster(config: config, seed: 0)
            verdict = cluster.rejection(promptTokens: deployment.isl, outputTokens: deployment.osl).map { "the simulator cannot run it: \($0)" }
        } catch {
            verdict = "the simulator cannot run it: \(error.message) (\(error.fix))"
        }
        verdicts[deployment.id] = verdict
        return verdict
    }
}
