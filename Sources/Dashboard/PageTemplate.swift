/// index.html: the shell app.js fills in, with the default view's chart and table already in
/// it and its data embedded (so the first view needs neither JavaScript nor a server).
enum PageTemplate {
    static func index(manifestJSON: String, defaultView: DashboardView?, defaultViewJSON: String?) -> String {
        let chart = defaultView.map { StaticChart.svg($0) } ?? "<p>No stored points yet: run <code>bench run</code> first.</p>"
        let table = defaultView.map(dataTable) ?? ""
        let title = defaultView.map { HTMLText.escape($0.title) } ?? "no data"
        let embedded = defaultViewJSON.map { "<script>" + SiteWriter.viewScript(key: defaultView!.slug + "@latest", json: $0) + "</script>" } ?? ""
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>bench: inference throughput vs interactivity</title>
            <link rel="stylesheet" href="style.css">
            </head>
            <body>
            <header>
              <h1>bench dashboard</h1>
              <p class="lede">Throughput per GPU against interactivity for each hardware × engine, with each series' Pareto frontier. Colour is the GPU, marker shape the framework, dash spec decoding or disaggregation; points measured on the simulated engine are marked (sim). Click a point for its requests.</p>
            </header>
            <form id="controls" aria-label="View">
              <label>Model <select id="model"></select></label>
              <label>ISL/OSL <select id="seqlen"></select></label>
              <label>Precision <select id="precision"></select></label>
              <label>Y metric <select id="ymetric"></select></label>
              <label>Runs <select id="runs-shown"><option value="latest">newest of each series</option><option value="all">all runs</option></select></label>
              <label id="agentic-x-label" hidden>Agentic x <select id="agentic-x"><option value="e2e-norm-interactivity-p90">p90 E2E-normalised interactivity</option><option value="e2e-norm-interactivity-p75">p75 E2E-normalised interactivity</option><option value="interactivity-p90">p90 interactivity (1 / p90 ITL)</option></select></label>
              <label id="percentile-label">Percentile (x) <select id="percentile"><option value="p50">median</option><option value="p90">p90</option><option value="p99">p99</option></select></label>
              <label>TTFT cap <span><select id="cap-stat"><option value="ttft-p50">median</option><option value="ttft-p90">p90</option><option value="ttft-p99">p99</option></select>
                TTFT ≤ <input id="cap-max" type="number" min="0" step="any" size="5" placeholder="none"> s</span></label>
              <label>Simulated <span><input id="show-sim" type="checkbox" checked> simulated frontiers (measured series)</span></label>
            </form>
            <p id="cap-note" role="status"></p>
            <h2 id="view-title">\(title)</h2>
            <div id="legend" role="group" aria-label="Series (toggle to hide or show)"></div>
            <section class="charts">
              <figure><figcaption><span id="chart-interactivity-caption">Throughput vs interactivity</span> <span class="export" id="chart-interactivity-export"></span></figcaption><div id="chart-interactivity">\(chart)</div></figure>
              <figure><figcaption><span id="chart-e2el-caption">Throughput vs end-to-end latency</span> <span class="export" id="chart-e2el-export"></span></figcaption><div id="chart-e2el"><p>Needs JavaScript.</p></div></figure>
            </section>
            <p class="export">This view: <button type="button" id="export-json">JSON</button> <a id="export-csv" href="\(defaultView.map { "views/\($0.slug).csv" } ?? "")">CSV</a></p>
            <section id="drilldown" hidden aria-live="polite"></section>
            <div id="tooltip" role="status" aria-live="polite" hidden></div>
            <section><h2>History at fixed interactivity</h2><div id="history"><p>Needs JavaScript.</p></div></section>
            <section><h2>Compare two runs</h2><div id="compare"><p>Needs JavaScript.</p></div></section>
            <section><h2>Data</h2><div id="table">\(table)</div></section>
            <section><h2>Runs</h2><div id="runs"></div></section>
            <footer><p>Static site written by <code>bench dashboard</code>. Per-view data: <code>views/*.json</code> and <code>views/*.csv</code>.</p></footer>
            <script id="manifest" type="application/json">\(HTMLText.scriptSafeJSON(manifestJSON))</script>
            \(embedded)
            <script src="common.js"></script>
            <script src="export.js"></script>
            <script src="legend.js"></script>
            <script src="drilldown.js"></script>
            <script src="compare.js"></script>
            <script src="app.js"></script>
            </body>
            </html>

            """
    }

    /// The no-JavaScript fallback: the frontier points of the view (every point is in
    /// views/*.csv, and in the table app.js draws).
    static func dataTable(_ view: DashboardView) -> String {
        var rows = [
            "<table><caption>\(HTMLText.escape(view.title)): frontier points (all points: views/\(view.slug).csv)</caption>",
            "<thead><tr><th scope=\"col\">Series</th><th scope=\"col\">Config</th><th scope=\"col\">Deployment</th><th scope=\"col\">Conc</th><th scope=\"col\">Interactivity (tok/s/user)</th><th scope=\"col\">Throughput/GPU (tok/s)</th></tr></thead><tbody>",
        ]
        for series in view.series {
            for point in series.frontier().map({ series.points[$0] }) {
                let interactivity = point.x["interactivity"].map { String(format: "%.1f", $0) } ?? "–"
                let throughput = point.y["tput-per-gpu"].map { String(format: "%.1f", $0) } ?? "–"
                rows.append(
                    "<tr><td>\(HTMLText.escape(series.label))</td><td>\(HTMLText.escape(point.config))</td><td>\(HTMLText.escape(point.deployment))</td><td>\(point.conc)</td><td>\(interactivity)</td><td>\(throughput)</td></tr>"
                )
            }
        }
        rows.append("</tbody></table>")
        return rows.joined(separator: "\n")
    }
}
