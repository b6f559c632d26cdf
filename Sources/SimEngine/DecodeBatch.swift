/// The sequences one worker is decoding, kept as plain counters so a step costs a pass over a
/// small array and no allocation: the whole batch advances together, one token each (or the
/// speculative draw), and only sequences that finish are reported one by one.
struct DecodeBatch {
    struct Member {
        var id: Int
        /// Admission order on the worker: finishes are reported in it, as the batch's order.
        var admission: Int
        var remaining: Int
        var context: Int
        var decodeSteps = 0
        var reservation: Int
        /// The context when it joined: what it emitted here is `context - joinedContext`.
        let joinedContext: Int

        init(id: Int, admission: Int, remaining: Int, context: Int, reservation: Int) {
            self.id = id
            self.admission = admission
            self.remaining = remaining
            self.context = context
            self.reservation = reservation
            joinedContext = context
        }
    }

    /// A member that emitted its last token this step.
    struct Finish {
        var id: Int
        var admission: Int
        var reservation: Int
        var decodeSteps: Int
        /// Tokens it emitted while decoding here.
        var tokens: Int
    }

    private(set) var members: [Member] = []
    /// Sum of the members' context lengths.
    private(set) var contextTokens = 0

    var count: Int { members.count }
    var isEmpty: Bool { members.isEmpty }

    mutating func add(_ member: Member) {
        members.append(member)
        contextTokens += member.context
    }

    /// Sum over members of min(context, window): a sparse-attention model's attention reads.
    func windowedContextTokens(window: Int) -> Int {
        guard window > 0 else { return 0 }
        return members.reduce(0) { $0 + min($1.context, window) }
    }

    func contains(_ id: Int) -> Bool { members.contains { $0.id == id } }

    /// Drops a member (its client went away).
    mutating func remove(_ id: Int) -> Member? {
        guard let index = members.firstIndex(where: { $0.id == id }) else { return nil }
        contextTokens -= members[index].context
        return members.remove(at: index)
    }

    /// One decode step for every member: `tokens(member)` each; finished members leave and are
    /// appended to `finished` in admission order. `emit` sees every member's tokens (the real-time
    /// server streams them); the virtual clock passes nil and pays nothing per member beyond the counters.
    mutating func step(tokens: (Member) -> Int, finished: inout [Finish], emit: ((Member, Int) -> Void)?) {
        var anyFinished = false
        for index in members.indices {
            let count = tokens(members[index])
            members[index].remaining -= count
            members[index].context += count
            members[index].decodeSteps += 1
            contextTokens += count
            emit?(members[index], count)
            if members[index].remaining <= 0 { anyFinished = true }
        }
        guard anyFinished else { return }
        let start = finished.count
        members.removeAll { member in
            guard member.remaining <= 0 else { return false }
            contextTokens -= member.context
            finished.append(
                Finish(
                    id: member.id, admission: member.admission, reservation: member.reservation,
                    decodeSteps: member.decodeSteps, tokens: member.context - member.joinedContext))
            return true
        }
        finished[start...].sort { $0.admission < $1.admission }
    }
}
