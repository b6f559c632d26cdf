import Foundation
import Testing

@testable import Dashboard

@Suite struct JSONTextTests {
    /// Whatever a string holds comes back the same through a JSON parser; numbers keep their value.
    @Test func stringsAndNumbersRoundTripThroughAJSONParser() throws {
        let hostile = "a\"b\\c\n\t\u{01}\u{1F}</script><!-- é 漢 \u{2028} 🙂"
        var out = JSONText()
        out.object { out in
            out.key("s")
            out.string(hostile)
            out.key("n")
            out.numbers([750, 0.7111, 1e-5, -2.5, nil, 123456789012])
            out.key("i")
            out.integers([Int64(-1), 0, 9_007_199_254_740_993])
        }
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(out.text.utf8)) as? [String: Any])
        #expect(parsed["s"] as? String == hostile)
        let numbers = try #require(parsed["n"] as? [Any])
        #expect(numbers.compactMap { $0 as? Double } == [750, 0.7111, 1e-5, -2.5, 123456789012] && numbers[4] is NSNull)
        #expect(out.text.contains("[750,0.7111,") && (parsed["i"] as? [Int64])?.last == 9_007_199_254_740_993)
    }
}
