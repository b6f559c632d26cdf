import ArgumentParser
import SimEngine

/// The simulated deployment the real-time perf commands load: by default GPT-OSS FP4 on 8 × B200,
/// which steps fast enough at 1,000 streams that the software, not the simulated GPU, is the limit.
struct PerfDeploymentOptions: ParsableArguments {
    @Option(help: "GPU of the simulated deployment.") var hardware = "b200"
    @Option(help: "Model of the simulated deployment.") var model = "gptoss"
    @Option(help: "Weight precision.") var precision = "fp4"
    @Option(help: "Tensor parallel size.") var tp = 8
    @OptionGroup var catalogOption: CatalogOption

    /// The deployment, admitting at least `streams` requests at once.
    func config(streams: Int) throws -> SimConfig {
        var config = try SimConfig.resolve(
            catalog: try loadCatalog(catalogOption.path), hardware: hardware, model: model,
            precision: precision, kvCacheDType: "fp8", topology: .aggregated(WorkerShape(tp: tp)))
        config.maxRunningRequests = max(config.maxRunningRequests, streams)
        return config
    }

    func describe(_ config: SimConfig) -> String {
        "\(config.model.name) \(precision) on \(tp) × \(config.hardware.name)"
    }
}
