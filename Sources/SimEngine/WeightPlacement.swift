import Catalog

/// The weight bytes each GPU of an instance holds. With the checkpoint's storage by tensor group
/// (`weights-gb`), each group is placed as engines place it; otherwise the parameter counts give
/// routed experts and the rest, with embeddings in BF16 and the rest at the label's width.
struct WeightPlacement {
    var expertBytes: Double
    /// Attention and embeddings: split over TP, whole on each DP-attention rank.
    var attentionBytes: Double
    /// Dense MLPs, shared experts and routers: split over TP.
    var denseBytes: Double
    /// What one routed-expert parameter occupies (what a step streams per expert it touches).
    var expertBytesPerParam: Double

    /// `expertParams` and `otherParams` split the model's total parameters; `mtp` says whether
    /// speculative decoding loads the model's MTP module.
    init(
        model: ModelSpec, precision: String, expertBytesPerParam: Double, otherBytesPerParam: Double,
        expertParams: Double, otherParams: Double, mtp: Bool
    ) {
        let label = precision.lowercased()
        if let groups = model.weightsGB?[label] {
            // The MTP module is one more MoE layer: its experts split like the rest, its attention too.
            expertBytes = groups.experts * 1e9 + (mtp ? (groups.mtp ?? 0) * 1e9 : 0)
            self.expertBytesPerParam = expertParams > 0 ? groups.experts * 1e9 / expertParams : expertBytesPerParam
            attentionBytes = (groups.attention + groups.embeddings) * 1e9
            denseBytes = groups.dense * 1e9
            return
        }
        let embeddingParams = 2 * Double(model.vocab) * Double(model.hidden)
        let expertWidth = model.expertBytesPerParam?[label] ?? expertBytesPerParam
        self.expertBytesPerParam = expertWidth
        var experts = expertParams * expertWidth
        var rest = max(0, otherParams - embeddingParams) * otherBytesPerParam
        if mtp, let layers = model.mtpLayers, layers > 0 {
            let moeLayers = Double(model.layers - (model.denseLayers ?? 0))
            experts += Double(layers) * experts / max(1, moeLayers)
            rest += Double(layers) * rest / Double(model.layers)
        }
        expertBytes = experts
        attentionBytes = rest + embeddingParams * 2
        denseBytes = 0
    }

    func bytesPerGPU(_ shape: WorkerShape) -> Double {
        let stages = Double(shape.pp), tp = Double(shape.tp)
        return expertBytes / Double(shape.gpus)
            + attentionBytes / (shape.dpAttention ? stages : tp * stages)
            + denseBytes / (tp * stages)
    }
}
