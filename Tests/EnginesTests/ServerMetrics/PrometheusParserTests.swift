import Engines
import Testing

@Suite struct PrometheusParserTests {
    @Test func labelsEscapesSpecialValuesAndComments() throws {
        let text = """
            # HELP a_total A counter with "quotes" in its help.
            # TYPE a_total counter
            a_total{path="x\\"y\\\\z\\nw",b="2",} 1.5e3 1700000000000\r
            \t
            # a free comment
            b NaN
            c{} +Inf
            d -Inf
            e 42
            """
        let scrape = try ServerMetricsScrape(text: text)
        #expect(scrape.types == ["a_total": "counter"])
        #expect(scrape.skippedLines == 0)
        #expect(scrape.samples.count == 5)
        #expect(scrape.samples[0] == PrometheusSample(name: "a_total", labels: ["path": "x\"y\\z\nw", "b": "2"], value: 1500))
        #expect(scrape.samples[1].value.isNaN)
        #expect(scrape.samples[2].value == .infinity && scrape.samples[3].value == -.infinity && scrape.samples[4].value == 42)
        #expect(scrape.samples[0].seriesKey == #"a_total{b="2",path="x\"y\\z\nw"}"#)
    }

    @Test func unreadableLinesAreSkippedAndCounted() throws {
        let lines = [
            #"name{a="x} 1"#, "9bad 1", "name 1x", "name{a=x} 1", "name nan", "name{a=\"1\"}1", "name", "{a=\"1\"} 2", "name 0x10",
        ]
        let scrape = try ServerMetricsScrape(text: (lines + ["ok 1"]).joined(separator: "\n"))
        #expect(scrape.samples == [PrometheusSample(name: "ok", value: 1)])
        #expect(scrape.skippedLines == lines.count)
    }

    @Test func limitsAreNamedFailures() {
        var limits = PrometheusLimits()
        limits.maxBytes = 100
        #expect(throws: PrometheusParseError.tooLarge(bytes: 101, limit: 100)) {
            try ServerMetricsScrape(text: String(repeating: "a", count: 101), limits: limits)
        }
        limits = PrometheusLimits()
        limits.maxLineBytes = 10
        #expect(throws: PrometheusParseError.lineTooLong(line: 2, limit: 10)) { try ServerMetricsScrape(text: "a 1\nabcdefghijk 1\n", limits: limits) }
        limits = PrometheusLimits()
        limits.maxSamples = 2
        #expect(throws: PrometheusParseError.tooManySamples(limit: 2)) { try ServerMetricsScrape(text: "a 1\nb 2\nc 3\n", limits: limits) }
        limits = PrometheusLimits()
        limits.maxLabelsPerSample = 2
        #expect(throws: PrometheusParseError.tooManyLabels(line: 1, limit: 2)) {
            try ServerMetricsScrape(text: #"a{x="1",y="2",z="3"} 1"#, limits: limits)
        }
    }

    /// Random texts over the format's own characters: never a crash, never past the limits.
    @Test func hostileTextsNeverCrash() {
        let alphabet = Array("a_:{}=\",\\\n\r\t #.0123456789eE+-InfNaTYPEHLPé\u{0}".unicodeScalars)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var limits = PrometheusLimits()
        limits.maxSamples = 50
        limits.maxLineBytes = 200
        for _ in 0..<3000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<(next() % 400) { text.append(alphabet[next() % alphabet.count]) }
            if let scrape = try? ServerMetricsScrape(text: String(text), limits: limits) {
                #expect(scrape.samples.count <= 50)
                _ = ServerMetricsDelta(before: scrape, after: scrape)
            }
        }
        // Lines, labels and values at their extremes.
        for text in [
            String(repeating: "{", count: 10_000), String(repeating: "a", count: 60_000) + " 1", "a{" + String(repeating: "b=\"\",", count: 64) + "} 1",
            "a 1e999999", "a -0", "a{b=\"\\", "a{b=\"\u{0}\"} 1", "\n\n\n", "",
        ] {
            _ = try? ServerMetricsScrape(text: text)
        }
    }
}
