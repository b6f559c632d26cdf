/// The decode slots of a disaggregated deployment, promised before prefill. Dynamo and SGLang's
/// PD router pick a request's decode worker and reserve its KV first, then send the prompt to a
/// prefill worker, so a request that finds every decode slot taken waits before its prefill (the
/// wait is TTFT), never between its first and second token.
struct DecodeSlots {
    /// Sequences one decode worker runs at once.
    let slotsPerWorker: Int
    /// KV tokens one decode worker holds.
    let kvPerWorker: Int
    private var promised: [Int]
    private var promisedKV: [Int]
    /// Request ID → (decode worker offset, KV promised).
    private var holders: [Int: (worker: Int, kv: Int)] = [:]

    init(workers: Int, slotsPerWorker: Int, kvPerWorker: Int) {
        self.slotsPerWorker = slotsPerWorker
        self.kvPerWorker = kvPerWorker
        promised = Array(repeating: 0, count: workers)
        promisedKV = Array(repeating: 0, count: workers)
    }

    /// Promises a slot and `kv` tokens on the decode worker with the least KV promised among those
    /// with room; returns that worker's offset, or nil when none has room.
    mutating func promise(request id: Int, kv: Int) -> Int? {
        var chosen: Int?
        for worker in promised.indices where promised[worker] < slotsPerWorker && promisedKV[worker] + kv <= kvPerWorker {
            if chosen.map({ promisedKV[worker] < promisedKV[$0] }) ?? true { chosen = worker }
        }
        guard let worker = chosen else { return nil }
        promised[worker] += 1
        promisedKV[worker] += kv
        holders[id] = (worker, kv)
        return worker
    }

    /// The decode worker promised to a request, if any.
    func worker(for id: Int) -> Int? { holders[id]?.worker }

    /// Returns a request's slot (it finished decoding or was cancelled); a request without one is ignored.
    mutating func release(request id: Int) {
        guard let holder = holders.removeValue(forKey: id) else { return }
        promised[holder.worker] -= 1
        promisedKV[holder.worker] -= holder.kv
    }
}
