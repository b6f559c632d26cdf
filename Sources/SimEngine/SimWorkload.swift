/// Request shapes for the virtual clock, with InferenceX's range-ratio rule: each length is
/// drawn uniformly from [⌊ratio·L⌋, L], seeded so the same seed gives the same shapes.
public enum SimWorkload {
    public static func shapes(count: Int, isl: Int, osl: Int, rangeRatio: Double = 1, seed: UInt64) -> [(prompt: Int, output: Int)] {
        func draw(_ length: Int, _ index: Int, _ stream: UInt64) -> Int {
            let low = max(1, Int((rangeRatio * Double(length)).rounded(.down)))
            guard length > low else { return length }
            let span = UInt64(length - low + 1)
            return low + Int(SeededRandom.bits(seed, UInt64(index), stream) % span)
        }
        return (0..<count).map { (draw(isl, $0, 1), draw(osl, $0, 2)) }
    }
}
