/// The candidate closest to `key` by edit distance, when close enough to be a likely typo
/// (one edit per three characters, at least one), or else one that `key` extends or
/// abbreviates (`tdp-watts` → `tdp-w`).
public func nearestKey(to key: String, in candidates: [String]) -> String? {
    // No key is this long: a longer one is a pasted value or a mangled file, and the distance
    // costs its length times each candidate's (fuzzing found ~2 ms per such key).
    guard key.unicodeScalars.count <= maximumKeyLength else {
        return candidates.filter { $0.count >= 3 && key.hasPrefix($0) }.max { $0.count < $1.count }
    }
    let scored = candidates.map { ($0, editDistance(key, $0)) }
    guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
    if best.1 <= max(1, key.count / 3) { return best.0 }
    return candidates.filter { min($0.count, key.count) >= 3 && (key.hasPrefix($0) || $0.hasPrefix(key)) }
        .max { $0.count < $1.count }
}

/// Keys longer than this get no edit-distance suggestion.
let maximumKeyLength = 64

/// Edit distance with insertions, deletions, substitutions and adjacent transpositions
/// (optimal string alignment), so `mpt` is one edit from `mtp`.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
            }
        }
    }
    return table[a.count][b.count]
}
