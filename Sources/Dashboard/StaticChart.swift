import Analysis
import Foundation

/// The default view's first chart (throughput per GPU against interactivity, log axes) drawn as
/// SVG by the generator, so the page reads without JavaScript: each series' frontier line and
/// points (the dominated points, of which a view may hold thousands, come with app.js).
enum StaticChart {
    static let width = 720.0, height = 420.0
    static let margin = (left: 70.0, right: 20.0, top: 20.0, bottom: 50.0)

    static func svg(_ view: DashboardView, xMetric: XMetric = .interactivity, yMetric: YMetric = .totalPerGPU) -> String {
        let x = xMetric.rawValue, y = yMetric.rawValue
        let values = view.series.flatMap { $0.points.compactMap { p in p.x[x].flatMap { px in p.y[y].map { (px, $0) } } } }
            .filter { $0.0 > 0 && $0.1 > 0 }
        guard let xs = LogScale(values.map(\.0), from: margin.left, to: width - margin.right),
            let ys = LogScale(values.map(\.1), from: height - margin.bottom, to: margin.top)
        else {
            return "<p>No points with both values in this view.</p>"
        }
        var parts: [String] = []
        parts.append(
            #"<svg class="chart" viewBox="0 0 \#(Int(width)) \#(Int(height))" role="img" aria-label="Throughput per GPU against interactivity, \#(HTMLText.escape(view.title))">"#
        )
        for tick in xs.ticks {
            let px = xs.position(tick)
            parts.append(
                #"<line class="grid" x1="\#(f(px))" x2="\#(f(px))" y1="\#(f(margin.top))" y2="\#(f(height - margin.bottom))"/><text class="tick" x="\#(f(px))" y="\#(f(height - margin.bottom + 16))" text-anchor="middle">\#(label(tick))</text>"#
            )
        }
        for tick in ys.ticks {
            let py = ys.position(tick)
            parts.append(
                #"<line class="grid" x1="\#(f(margin.left))" x2="\#(f(width - margin.right))" y1="\#(f(py))" y2="\#(f(py))"/><text class="tick" x="\#(f(margin.left - 6))" y="\#(f(py + 4))" text-anchor="end">\#(label(tick))</text>"#
            )
        }
        parts.append(
            #"<text class="axis" x="\#(f((margin.left + width - margin.right) / 2))" y="\#(f(height - 10))" text-anchor="middle">Interactivity (tok/s/user)</text>"#
        )
        parts.append(
            #"<text class="axis" transform="rotate(-90)" x="\#(f(-(margin.top + height - margin.bottom) / 2))" y="16" text-anchor="middle">Throughput per GPU (tok/s)</text>"#
        )
        for series in view.series {
            let color = series.style.color
            let frontierIndices = series.frontier(x: xMetric, y: yMetric)
            let frontier = frontierIndices.compactMap { i -> (Double, Double)? in
                let point = series.points[i]
                return point.x[x].flatMap { px in point.y[y].map { (px, $0) } }
            }
            let path = frontier.map { "\(f(xs.position($0.0))),\(f(ys.position($0.1)))" }.joined(separator: " ")
            parts.append(
                #"<polyline class="frontier\#(series.simulated ? " simulated" : "")" fill="none" stroke="\#(color)"\#(series.style.dash.isEmpty ? "" : " stroke-dasharray=\"\(series.style.dash)\"") points="\#(path)"/>"#
            )
            for point in frontierIndices.map({ series.points[$0] }) {
                guard let px = point.x[x], let py = point.y[y], px > 0, py > 0 else { continue }
                parts.append(
                    #"<circle cx="\#(f(xs.position(px)))" cy="\#(f(ys.position(py)))" r="4" fill="\#(color)"><title>\#(HTMLText.escape(series.label)): \#(HTMLText.escape(point.config)), conc \#(point.conc), \#(HTMLText.escape(point.deployment))</title></circle>"#
                )
            }
            // Failed points: hollow, with their reason.
            for point in series.points where point.failure != nil {
                guard let px = point.x[x], let py = point.y[y], px > 0, py > 0 else { continue }
                parts.append(
                    #"<circle class="failed" cx="\#(f(xs.position(px)))" cy="\#(f(ys.position(py)))" r="4" fill="none" stroke="\#(color)"><title>\#(HTMLText.escape(series.label)): conc \#(point.conc), failed: \#(HTMLText.escape(point.failure ?? ""))</title></circle>"#
                )
            }
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func label(_ value: Double) -> String {
        value >= 1000 ? String(format: "%.0fk", value / 1000) : value >= 1 ? String(format: "%g", value) : String(format: "%.2g", value)
    }
}

/// A base-10 log axis over the data's extent, padded to whole 1-2-5 steps.
struct LogScale {
    let low: Double, high: Double, from: Double, to: Double

    init?(_ values: [Double], from: Double, to: Double) {
        guard let minimum = values.min(), let maximum = values.max(), minimum > 0 else { return nil }
        low = minimum / 1.25
        high = maximum * 1.25
        self.from = from
        self.to = to
    }

    func position(_ value: Double) -> Double {
        from + (log10(value) - log10(low)) / (log10(high) - log10(low)) * (to - from)
    }

    /// 1-2-5 steps per decade; every integer step when that gives fewer than three ticks.
    var ticks: [Double] {
        for steps in [[1.0, 2.0, 5.0], Array(stride(from: 1.0, through: 9, by: 1))] {
            var ticks: [Double] = []
            var decade = pow(10, floor(log10(low)))
            while decade <= high {
                for step in steps where (low...high).contains(decade * step) { ticks.append(decade * step) }
                decade *= 10
            }
            if ticks.count >= 3 || steps.count > 3 { return ticks }
        }
        return []
    }
}
