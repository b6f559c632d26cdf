/// The candidate closest to `key` by edit distance, when close enough to be a likely typo,
/// or else one that `key` extends or abbreviates (`tdp-watts` → `tdp-w`).
public func nearestKey(to key: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(key, $0)) }
    guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
    if best.1 <= max(2, key.count / 3) { return best.0 }
    return candidates.filter { min($0.count, key.count) >= 3 && (key.hasPrefix($0) || $0.hasPrefix(key)) }
        .max { $0.count < $1.count }
}

/// Levenshtein distance over characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
