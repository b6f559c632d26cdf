/// Keys from least to most recently used, with O(1) append at the recent end, removal anywhere
/// and removal of the oldest: a doubly linked list kept in arrays whose slots are reused.
struct LRUOrder {
    private var slots: [UInt64: Int] = [:]
    private var keys: [UInt64] = []
    private var older: [Int] = []
    private var newer: [Int] = []
    private var freeSlots: [Int] = []
    private var oldest = -1
    private var newest = -1

    var count: Int { slots.count }

    func contains(_ key: UInt64) -> Bool { slots[key] != nil }

    /// Makes `key` the most recently used, adding it if absent.
    mutating func touch(_ key: UInt64) {
        remove(key)
        let slot: Int
        if let reused = freeSlots.popLast() {
            slot = reused
            keys[slot] = key
            older[slot] = newest
            newer[slot] = -1
        } else {
            slot = keys.count
            keys.append(key)
            older.append(newest)
            newer.append(-1)
        }
        if newest >= 0 { newer[newest] = slot } else { oldest = slot }
        newest = slot
        slots[key] = slot
    }

    @discardableResult
    mutating func remove(_ key: UInt64) -> Bool {
        guard let slot = slots.removeValue(forKey: key) else { return false }
        let before = older[slot], after = newer[slot]
        if before >= 0 { newer[before] = after } else { oldest = after }
        if after >= 0 { older[after] = before } else { newest = before }
        freeSlots.append(slot)
        return true
    }

    mutating func removeOldest() -> UInt64? {
        guard oldest >= 0 else { return nil }
        let key = keys[oldest]
        remove(key)
        return key
    }

    /// Every key, least recently used first.
    var oldestFirst: [UInt64] {
        var result: [UInt64] = []
        result.reserveCapacity(count)
        var slot = oldest
        while slot >= 0 {
            result.append(keys[slot])
            slot = newer[slot]
        }
        return result
    }
}
