/// Which shard (Slurm array task) runs each deployment group: whole groups, so a deployment's
/// concurrencies share one engine launch on one machine; balanced by point count, largest group
/// first onto the least-loaded shard (ties: the lowest shard), which is deterministic, so every
/// task computes the same assignment from the same plan.
public enum ShardAssignment {
    public static func assign(_ groups: [(id: String, points: Int)], shards: Int) -> [String: Int] {
        var load = [Int](repeating: 0, count: max(1, shards))
        var owner: [String: Int] = [:]
        let order = groups.enumerated().sorted { ($0.element.points, -$0.offset) > ($1.element.points, -$1.offset) }
        for (_, group) in order {
            let shard = load.indices.min { (load[$0], $0) < (load[$1], $1) }!
            owner[group.id] = shard
            load[shard] += group.points
        }
        return owner
    }
}
