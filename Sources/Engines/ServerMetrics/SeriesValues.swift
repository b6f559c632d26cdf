/// The scrapes of one point reduced per series: counters to their increase (after − before; after
/// alone when the series is new or the counter went down, i.e. the engine restarted), gauges to
/// their highest value. NaN and infinite values are left out.
struct SeriesValues {
    struct Series: Hashable {
        var name: String
        var labels: [String: String]
        var key: String { PrometheusSample(name: name, labels: labels, value: 0).seriesKey }
    }

    private(set) var counters: [Series: Double] = [:]
    private(set) var gauges: [Series: Double] = [:]

    init(before: ServerMetricsScrape, after: ServerMetricsScrape, during: [ServerMetricsScrape]) {
        var start: [Series: Double] = [:]
        for sample in before.samples where before.kind(of: sample.name) == .counter && sample.value.isFinite {
            start[Series(name: sample.name, labels: sample.labels)] = sample.value
        }
        for sample in after.samples where after.kind(of: sample.name) == .counter && sample.value.isFinite {
            let series = Series(name: sample.name, labels: sample.labels)
            let first = start[series] ?? 0
            counters[series] = sample.value >= first ? sample.value - first : sample.value
        }
        for scrape in [before] + during + [after] {
            for sample in scrape.samples where scrape.kind(of: sample.name) == .gauge && sample.value.isFinite {
                let series = Series(name: sample.name, labels: sample.labels)
                gauges[series] = max(gauges[series] ?? -.infinity, sample.value)
            }
        }
    }

    var names: Set<String> { Set(counters.keys.map(\.name)).union(gauges.keys.map(\.name)) }

    /// Sum of the increases of counter `family` (samples `family`, `family_total` or `family_sum`) over
    /// the series whose labels include `matching`; nil when no such series exists.
    func counter(_ families: [String], matching: [String: String] = [:]) -> Double? {
        var total: Double?
        for (series, value) in counters where Self.belongs(series, to: families, matching: matching) {
            total = (total ?? 0) + value
        }
        return total
    }

    /// The first family in `families` that has a series (InferenceX's first_counter_total).
    func firstCounter(_ families: [String]) -> Double? {
        families.lazy.compactMap { counter([$0]) }.first
    }

    /// Increases of counter `family` summed per value of `label`.
    func counterByLabel(_ families: [String], label: String) -> [String: Double] {
        var result: [String: Double] = [:]
        for (series, value) in counters where Self.belongs(series, to: families, matching: [:]) {
            guard let key = series.labels[label] else { continue }
            result[key, default: 0] += value
        }
        return result
    }

    /// The highest peak of gauge `families` over its series.
    func gauge(_ families: [String], matching: [String: String] = [:]) -> Double? {
        gauges.filter { Self.belongs($0.key, to: families, matching: matching) }.values.max()
    }

    /// The mean of gauge `families`' peaks over its series (InferenceX averages hit-rate gauges).
    func meanGauge(_ families: [String]) -> Double? {
        let values = gauges.filter { Self.belongs($0.key, to: families, matching: [:]) }.values
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    private static func belongs(_ series: Series, to families: [String], matching: [String: String]) -> Bool {
        // A counter's samples carry `_total`; a histogram family (Dynamo's token counts) adds up in `_sum`.
        families.contains { series.name == $0 || series.name == $0 + "_total" || series.name == $0 + "_sum" }
            && matching.allSatisfy { series.labels[$0.key] == $0.value }
    }
}
