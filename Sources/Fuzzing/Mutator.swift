/// Seeded mutations of a valid input: bit flips, truncation, splicing with another seed, huge
/// and negative numbers, deep nesting, invalid UTF-8 and repeated runs. Same seed, same inputs.
struct Mutator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed &+ 0x9E37_79B9_7F4A_7C15
    }

    /// splitmix64
    mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }

    private static let structural = Array("{}[]\":,\\ \n-0123456789eE.&*|>".utf8)
    private static let numbers = [
        "9223372036854775807", "-9223372036854775808", "99999999999999999999", "1e300", "-1", "NaN", "0",
        "1e-300", "18446744073709551616", "4611686018427387904", ".5", "-0", "nan", "inf", "0x7fffffff",
    ]

    /// One mutant of `input`, at most `limit` bytes; `other` is another seed for splicing.
    mutating func mutate(_ input: [UInt8], other: [UInt8], limit: Int) -> [UInt8] {
        var bytes = input
        for _ in 0...below(4) {
            switch below(8) {
            case 0 where !bytes.isEmpty:  // bit flips
                for _ in 0...below(8) { bytes[below(bytes.count)] ^= UInt8(1) << UInt8(below(8)) }
            case 1:  // truncation
                bytes = Array(bytes.prefix(below(bytes.count + 1)))
            case 2:  // splice: a prefix of this one, a suffix of the other
                bytes = Array(bytes.prefix(below(bytes.count + 1))) + other.suffix(below(other.count + 1))
            case 3:  // a number replaced by an absurd one
                replaceNumber(&bytes)
            case 4:  // deep nesting
                let depth = 1 + below(5000), open: UInt8 = below(2) == 0 ? 0x5B : 0x7B
                bytes.insert(contentsOf: [UInt8](repeating: open, count: depth), at: below(bytes.count + 1))
            case 5:  // invalid UTF-8 and control bytes
                let junk: [[UInt8]] = [
                    [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x00], [0x1B, 0x5B], [0x0A], [0x0D],
                ]
                bytes.insert(contentsOf: junk[below(junk.count)], at: below(bytes.count + 1))
            case 6 where !bytes.isEmpty:  // a run repeated
                let start = below(bytes.count), length = 1 + below(min(64, bytes.count - start))
                let run = Array(bytes[start..<(start + length)])
                for _ in 0..<below(200) { bytes.insert(contentsOf: run, at: start) }
            default:  // one byte set to a structural character
                if !bytes.isEmpty { bytes[below(bytes.count)] = Self.structural[below(Self.structural.count)] }
            }
            if bytes.count > limit { bytes = Array(bytes.prefix(limit)) }
        }
        return bytes
    }

    private mutating func replaceNumber(_ bytes: inout [UInt8]) {
        let digits = bytes.indices.filter { (0x30...0x39).contains(bytes[$0]) }
        let number = Array(Self.numbers[below(Self.numbers.count)].utf8)
        guard let start = digits.isEmpty ? nil : digits[below(digits.count)] else {
            bytes.insert(contentsOf: number, at: below(bytes.count + 1))
            return
        }
        var end = start
        while end < bytes.count, (0x30...0x39).contains(bytes[end]) { end += 1 }
        bytes.replaceSubrange(start..<end, with: number)
    }
}
