"""The dashboard in a real headless Chromium (Debian's, driven by Playwright without a browser
download): the page loads from file:// with no console errors, the default chart shows every
point of its view, changing the y metric and the view changes the chart, a tooltip appears on
keyboard focus, a hostile model name is shown as text and never run, and a screenshot is written.
The frontier the browser draws must be the one `bench pareto` computes, and the table's cost and power
figures for one H200 point must be the ones worked out here from the catalog's H200 numbers.
The page first shows each series' newest run; "all runs" shows every stored run.
MARKS_SITE holds a history whose last two runs are 15% slower and whose run 1 is annotated: the
history must mark run 5 suspect and run 6 a regression for both series, and show the annotation as text.
Depth (drill-down, percentiles, caps, spread, exports): the newest run has two repeats of every point, so
each point has min-max error bars; the p99 switch moves the frontier; a TTFT cap between the view's
fastest and slowest p90 TTFT leaves points out; clicking a point opens its drill-down, whose charts are
drawn from points/<id>.js loaded then; the charts download as SVG and PNG and the view as JSON; comparing
B200 with H200 (newest run) shows both frontiers and the ratio whose median bench compare printed
(BENCH_COMPARE_MEDIAN).
MANY_SITE holds one view of 30 series (6 GPUs x 5 frameworks): every legend entry's colour, shape and dash
differ, grouped by GPU, and a group toggle hides its 5 series. LIVE_SITE holds two real-time repeats of
two points, which differ: the error bars have length and the frontier is a band; a quarter of their
requests failed by injection: the drill-down lists them by kind with the message and marks their bars.
RESIDUALS_SITE holds a real-time series served 20% slow, drawn with a +-10% anomaly band: its simulated
frontier is drawn (thin, labelled "simulated", toggleable) and both its points are marked and listed as anomalies.
Usage: test-dashboard-browser.py SITE_DIR EXPECTED_DEFAULT_POINTS EXPECTED_FRONTIER_POINTS EXPECTED_ALL_RUNS_POINTS SCREENSHOT [MARKS_SITE [MANY_SITE [LIVE_SITE [RESIDUALS_SITE]]]]"""
import json
import math
import os
import pathlib
import sys

from playwright.sync_api import sync_playwright

site = pathlib.Path(sys.argv[1]).resolve()
expected_points, expected_frontier, expected_all, screenshot = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
problems = []


def frontier_line(page):
    return page.locator("#chart-interactivity polyline.frontier").evaluate_all("lines => lines.map(l => l.getAttribute('points')).join('|')")


def download(page, button):
    with page.expect_download() as info:
        button.click()
    path = info.value.path()
    return info.value.suggested_filename, pathlib.Path(path).read_bytes()


def depth(page, site, expected_points):
    """Spread, percentiles, the TTFT cap, the drill-down and the exports, on the default view (two repeats a point)."""
    page.goto(site.joinpath("index.html").as_uri())
    page.wait_for_selector("body[data-points-drawn]")
    # Two repeats of each of the view's points: one error bar per axis per repeated point.
    spreads = page.locator("#chart-interactivity line.spread").count()
    if spreads != expected_points:
        problems.append(f"{spreads} error bars for {expected_points // 2} repeated points, expected {expected_points}")

    median_line, label = frontier_line(page), page.locator("#chart-interactivity .axis").first.text_content()
    page.select_option("#percentile", "p99")
    page.wait_for_function("location.hash.includes('pct=p99')")
    if frontier_line(page) == median_line or "p99 TPOT" not in page.locator("#chart-interactivity .axis").first.text_content():
        problems.append(f"the p99 switch did not move the frontier or relabel x (was: {label})")
    page.select_option("#percentile", "p50")

    latest = [json.loads(f.read_text().split(" = ", 2)[-1].rstrip().rstrip(";")) for f in site.joinpath("views").glob("*.latest.js")]
    view = next(v for v in latest if v["model"] == page.input_value("#model"))
    ttfts = sorted(t for s in view["series"] for t in s["cap"]["ttft-p90"] if t is not None)
    cap = round((ttfts[0] + ttfts[-1]) / 2, 4)
    kept = sum(1 for t in ttfts if t <= cap)
    page.select_option("#cap-stat", "ttft-p90")
    page.fill("#cap-max", str(cap))
    page.dispatch_event("#cap-max", "change")
    page.wait_for_function("location.hash.includes('cap=ttft-p90:')")
    drawn = int(page.get_attribute("body", "data-points-drawn"))
    if drawn != kept or kept >= len(ttfts) or "left out" not in page.inner_text("#cap-note"):
        problems.append(f"p90 TTFT <= {cap} s: {drawn} points drawn, {kept} of {len(ttfts)} meet it ({page.inner_text('#cap-note')})")
    page.fill("#cap-max", "")
    page.dispatch_event("#cap-max", "change")
    page.wait_for_function("!location.hash.includes('cap=')")

    point = page.locator("#chart-interactivity .pt").first
    point_id = point.get_attribute("data-point")
    if page.evaluate("!!(window.BENCH_POINTS || {})[%s]" % point_id):
        problems.append("the drill-down data was loaded before the point was opened")
    # Repeats lie on top of each other, so the point is opened from the keyboard (Enter), as a reader without a mouse would.
    point.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#drilldown[data-charts]")
    charts = int(page.get_attribute("#drilldown", "data-charts"))
    if charts != 5 or page.locator("#drilldown svg.drill").count() != 5:
        problems.append(f"the drill-down drew {charts} charts, expected 5 (TTFT, E2EL, ITL, timeline, in flight)")
    if page.locator("#drilldown rect.request").count() == 0 or page.locator("#drilldown rect.steady").count() != 1:
        problems.append("the drill-down timeline has no request bars or the in-flight chart no steady-state window")
    # A virtual-clock run launches no engine, so it has no command (StoredSiteTests checks a stored one, redacted).
    if "--virtual" not in page.inner_text("#drilldown .reproduce") or "--filter conc=" not in page.inner_text("#drilldown .reproduce") \
            or "no engine" not in page.inner_text("#drilldown .command"):
        problems.append("the drill-down lacks the engine command or the reproduce line: " + page.inner_text("#drilldown .reproduce"))
    if "point=" + point_id not in page.evaluate("location.hash"):
        problems.append("the open point is not in the URL")
    page.screenshot(path="results/dashboard-drilldown.png", full_page=True)
    page.click("#drilldown .close")
    # The data table opens a point too.
    row_point = page.locator("#table button.open-point").last.get_attribute("data-point")
    page.locator("#table button.open-point").last.click()
    page.wait_for_function("document.getElementById('drilldown').getAttribute('data-point') === %s && document.getElementById('drilldown').hasAttribute('data-charts')" % json.dumps(row_point))
    page.click("#drilldown .close")

    name, svg = download(page, page.locator("#chart-interactivity-export button[data-format=svg]"))
    if not name.endswith(".svg") or b"<svg" not in svg[:400] or b"polyline" not in svg:
        problems.append(f"SVG download {name} is not the chart")
    name, png = download(page, page.locator("#chart-interactivity-export button[data-format=png]"))
    if not name.endswith(".png") or png[:8] != b"\x89PNG\r\n\x1a\n" or len(png) < 2000:
        problems.append(f"PNG download {name} is not an image ({len(png)} bytes)")
    compare(page, view)
    name, data = download(page, page.locator("#export-json"))
    exported = json.loads(data)
    if sum(len(s["points"]) for s in exported["series"]) != expected_points:
        problems.append(f"the JSON download has {sum(len(s['points']) for s in exported['series'])} points, the view shows {expected_points}")


def compare(page, view):
    """Two series picked in the comparison: both frontiers drawn, the ratio's median as bench compare's."""
    ids = {s["hardware"]: s["id"] for s in view["series"]}
    page.select_option("#compare-a", ids["b200"])
    page.wait_for_function("location.hash.includes('cmp=')")
    page.select_option("#compare-b", ids["h200"])
    page.wait_for_function("decodeURIComponent(location.hash).includes(%s)" % json.dumps("cmp=%s,%s" % (ids["b200"], ids["h200"])))
    if page.locator("#compare polyline.frontier").count() != 2 or page.locator("#compare polyline.ratio").count() != 1:
        problems.append("the comparison does not draw both frontiers and the ratio curve")
    shown = float(page.get_attribute("#compare .ratio-summary", "data-median"))
    expected = float(os.environ["BENCH_COMPARE_MEDIAN"])
    # The site ships numbers to 4 significant digits; read off interpolated frontiers that is within 0.5%.
    if abs(shown - expected) > 5e-3 * expected:
        problems.append(f"the comparison's median ratio is {shown}, bench compare's {expected}")


def band(page, site):
    """Repeats that differ: error bars with length on some point, the frontier a band."""
    page.goto(site.joinpath("index.html").as_uri())
    page.wait_for_selector("body[data-points-drawn]")
    lengths = page.locator("#chart-interactivity line.spread").evaluate_all(
        "ls => ls.map(l => Math.hypot(l.x2.baseVal.value - l.x1.baseVal.value, l.y2.baseVal.value - l.y1.baseVal.value))")
    if len(lengths) != 4 or max(lengths) <= 0:
        problems.append(f"two repeated points should have 4 error bars, some with length: {lengths}")
    if page.locator("#chart-interactivity polygon.frontier-band").count() != 1:
        problems.append("the frontier of differing repeats is not drawn as a band")
    page.locator("#table button.open-point").first.click()
    page.wait_for_selector("#drilldown[data-charts]")
    failures = page.inner_text("#drilldown .failures")
    if not failures.startswith("http: ") or "injected failure" not in failures or page.locator("#drilldown rect.request.failed").count() == 0:
        problems.append(f"the drill-down does not show the injected failures by kind with their message and bars: {failures!r}")


def residuals(page, site, screenshot):
    """A measured series beside the simulated engine: the simulated frontier, anomaly marks, tooltip and table text."""
    page.goto(site.joinpath("index.html").as_uri())
    page.wait_for_selector("body[data-points-drawn]")
    simulated = page.locator("#chart-interactivity polyline.sim-frontier")
    if simulated.count() != 1 or "simulated frontier" not in (simulated.first.get_attribute("aria-label") or "") \
            or page.locator("#chart-interactivity text.sim-label").all_text_contents() != ["simulated"]:
        problems.append(f"{simulated.count()} simulated frontiers labelled {page.locator('#chart-interactivity text.sim-label').all_text_contents()}, expected one 'simulated'")
    marks = page.locator("#chart-interactivity circle.anomaly").evaluate_all("cs => cs.map(c => c.getAttribute('aria-label'))")
    if len(marks) != 2 or not all("ANOMALY −" in m for m in marks):
        problems.append(f"anomaly marks on the 20%-slow series: {marks}, expected 2 'ANOMALY −…%'")
    cells = [page.locator("#table tbody tr").nth(i).locator("td").nth(9).inner_text() for i in range(page.locator("#table tbody tr").count())]
    if len(cells) != 2 or not all(c.startswith("ANOMALY −") and c.endswith("%") for c in cells) or page.locator("#table tr.anomaly").count() != 2:
        problems.append(f"the table's residual cells are {cells}, expected two 'ANOMALY −…%'")
    page.locator("#chart-interactivity .pt").first.focus()
    tip = page.inner_text("#tooltip")
    if "residual (measured / simulated − 1): ANOMALY −" not in tip or "beyond ±10%" not in tip:
        problems.append(f"the tooltip does not give the residual and the band: {tip!r}")
    page.screenshot(path=screenshot, full_page=True)
    page.uncheck("#show-sim")
    page.wait_for_function("location.hash.includes('sim=0')")
    if page.locator("#chart-interactivity polyline.sim-frontier").count() != 0:
        problems.append("the simulated frontier is still drawn with the toggle off")
    page.check("#show-sim")


def agentic(page, site, screenshot):
    """An agentic-coding view: InferenceX's agentic axes, hit rates in the tooltip and the table."""
    page.goto(site.joinpath("index.html").as_uri())
    page.wait_for_selector("body[data-points-drawn]")
    if page.locator("#agentic-x-label").is_hidden() or page.locator("#percentile-label").is_visible() \
            or page.inner_text("#chart-interactivity-caption") != "Throughput vs E2E-normalised interactivity":
        problems.append("the agentic view does not offer its x axis or name its chart: " + page.inner_text("#chart-interactivity-caption"))
    if "agentic-coding" not in page.inner_text("#seqlen") or "agentic-coding" not in page.inner_text("#view-title"):
        problems.append(f"the agentic view is not named as such: {page.inner_text('#view-title')!r}")
    drawn = int(page.get_attribute("body", "data-points-drawn"))
    if drawn != 2:
        problems.append(f"{drawn} agentic points drawn, expected 2")
    page.locator("#chart-interactivity .pt").first.focus()
    tip = page.inner_text("#tooltip")
    if "p90 E2E-normalised interactivity" not in tip or "prefix-cache hit rate: theoretical" not in tip or "server" not in tip:
        problems.append(f"the agentic tooltip lacks its axis or hit rates: {tip!r}")
    heads = page.locator("#table thead th").all_text_contents()
    if "Theoretical hit rate" not in heads or "Server hit rate" not in heads or not any(h.startswith("p90 TTFT") for h in heads):
        problems.append(f"the agentic table's columns are {heads}")
    rates = [page.locator("#table tbody tr").nth(i).locator("td").nth(11).inner_text() for i in range(page.locator("#table tbody tr").count())]
    if len(rates) != 2 or not all(r.endswith("%") for r in rates):
        problems.append(f"server hit rates in the table: {rates}")
    page.select_option("#agentic-x", "e2e-norm-interactivity-p75")
    page.wait_for_function("location.hash.includes('ax=e2e-norm-interactivity-p75')")
    if int(page.get_attribute("body", "data-points-drawn")) != 2 or "p75" not in page.inner_text("#table thead"):
        problems.append("switching the agentic axis to p75 did not redraw the chart and table")
    page.screenshot(path=screenshot, full_page=True)


def many(page, site, screenshot):
    """30 series in one view: distinct legend styles, grouped by GPU, a group toggle."""
    page.goto(site.joinpath("index.html").as_uri())
    page.wait_for_selector("body[data-points-drawn]")
    styles = page.locator("#legend button[data-style]").evaluate_all("bs => bs.map(b => b.getAttribute('data-style'))")
    if len(styles) != 30 or len(set(styles)) != 30:
        problems.append(f"{len(styles)} legend entries with {len(set(styles))} distinct colour|shape|dash styles, expected 30")
    colours = {s.split("|")[0] for s in styles}
    groups = page.locator("#legend .legend-group").count()
    if groups != 6 or len(colours) != 6:
        problems.append(f"{groups} legend groups and {len(colours)} colours for 6 GPUs")
    shapes = page.locator("#chart-interactivity .pt").evaluate_all("ps => new Set(ps.map(p => p.getAttribute('data-shape'))).size")
    if shapes < 5:
        problems.append(f"the chart draws {shapes} marker shapes for 5 frameworks")
    before = int(page.get_attribute("body", "data-points-drawn"))
    page.locator("#legend .group-toggle").first.click()
    page.wait_for_function("Number(document.body.getAttribute('data-points-drawn')) < %d" % before)
    hidden = page.locator("#legend .legend-group").first.locator("button[aria-pressed=false]").count()
    if hidden != 6:
        problems.append(f"the group toggle left {hidden} of its 6 buttons (group + 5 series) off")
    page.locator("#legend .group-toggle").first.click()
    page.screenshot(path=screenshot, full_page=True)


with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    errors, dialogs = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(site.joinpath("index.html").as_uri())
    page.wait_for_selector("body[data-points-drawn]")

    drawn = page.locator("#chart-interactivity .pt").count()
    if drawn != expected_points:
        problems.append(f"default chart shows {drawn} points, expected {expected_points}")

    on_frontier = page.locator("#chart-interactivity .pt.frontier-point").count()
    if on_frontier != expected_frontier:
        problems.append(f"the browser draws {on_frontier} frontier points, bench pareto has {expected_frontier}")

    page.select_option("#runs-shown", "all")
    page.wait_for_function("document.body.getAttribute('data-points-drawn') === '%d'" % expected_all, timeout=5000)
    if "&runs=all" not in page.evaluate("location.hash"):
        problems.append("the runs choice is not in the URL")
    history_rows = page.locator("#history tbody tr").count()
    if history_rows < 2:
        problems.append(f"the history lists {history_rows} series-runs")
    page.select_option("#runs-shown", "latest")
    page.wait_for_function("document.body.getAttribute('data-points-drawn') === '%d'" % expected_points, timeout=5000)

    before = page.inner_html("#chart-interactivity")
    page.select_option("#ymetric", "usd-per-mtok-neocloud")
    page.wait_for_function("location.hash.includes('usd-per-mtok-neocloud')")
    after = page.inner_html("#chart-interactivity")
    if before == after or "usd-per-mtok-neocloud" not in after:
        problems.append("changing the y metric did not redraw the chart")

    page.locator("#chart-interactivity .pt").first.focus()
    tooltip = page.locator("#tooltip")
    if not tooltip.is_visible() or "conc" not in tooltip.inner_text():
        problems.append("no tooltip on keyboard focus")

    # One H200 point of the default view: its cost and power figures as app.js derives them from the
    # shipped tok/s/GPU, against the catalog's H200 numbers (hardware.yaml: 1.73 all-in kW per GPU;
    # $1.41 hyperscaler, $1.74 neocloud, $1.60 3-year rental per GPU-hour), worked out here.
    latest = [json.loads(f.read_text().split(" = ", 2)[-1].rstrip().rstrip(";")) for f in site.joinpath("views").glob("*.latest.js")]
    view = next((v for v in latest if v["model"] == page.input_value("#model")), None)
    if view is None:
        problems.append("no views/*.latest.js for the default view")
    else:
        row = 0
        for s in view["series"]:
            if s["hardware"] == "h200":
                break
            row += len(s["conc"])
        per_gpu = s["y"]["tput-per-gpu"][0]
        worked_out = {
            "usd-per-mtok-hyperscaler": 1.41 / (per_gpu * 3600 / 1e6), "usd-per-mtok-neocloud": 1.74 / (per_gpu * 3600 / 1e6),
            "usd-per-mtok-rental-3yr": 1.60 / (per_gpu * 3600 / 1e6), "tok-per-mw": per_gpu * 1000 / 1.73,
            "joules-per-token": 1.73 * 1000 / per_gpu, "tput-per-gpu": per_gpu,
        }
        for metric, expected in worked_out.items():
            page.select_option("#ymetric", metric)
            page.wait_for_function("location.hash.includes(%s)" % json.dumps("y=" + metric))
            cells = page.locator("#table tbody tr").nth(row).locator("td").all_inner_texts()
            # The table shows 3 significant digits below 1, 2 decimals below 100, whole numbers above.
            decimals = 0 if expected >= 100 else 2 if expected >= 1 else 2 - math.floor(math.log10(expected))
            if cells[0] != s["label"] or cells[4] != str(s["conc"][0]):
                problems.append(f"table row {row} is {cells[:5]}, expected {s['label']} conc {s['conc'][0]}")
            elif abs(float(cells[7]) - expected) > 0.5 * 10 ** -decimals + 1e-9:
                problems.append(f"{metric} of the H200 conc {s['conc'][0]} point: the table shows {cells[7]}, worked out {expected:.6g}")
        page.select_option("#ymetric", "tput-per-gpu")

    models = page.locator("#model option").all_inner_texts()
    if len(models) > 1:
        first_view = page.inner_text("#view-title")
        page.select_option("#model", models[1])
        page.wait_for_function("document.getElementById('view-title').textContent !== %r" % first_view)
        if page.locator("#chart-interactivity .pt").count() == 0:
            problems.append("the second view (loaded from views/*.js over file://) drew no points")

    hostile = "<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>"
    page.goto(site.joinpath("index.html").as_uri())
    page.wait_for_selector("body[data-points-drawn]")
    for model in page.locator("#model option").all_inner_texts():
        page.select_option("#model", model)
        page.wait_for_function("(document.querySelector('#table caption') || {textContent: ''}).textContent.indexOf(%s) === 0" % json.dumps(model + " "))
        if hostile in page.inner_text("#table"):
            break
    else:
        problems.append("the hostile model name is not shown as text in any view's table")
    if page.evaluate("window.__pwned === 1") or dialogs:
        problems.append("markup from the database ran")

    if page.locator("#agentic-x-label").is_visible() or page.locator("#percentile-label").is_hidden():
        problems.append("a fixed-seq-len view shows the agentic axis selector or hides the percentile")

    # A malformed hash (a bad percent escape, an unknown metric) falls back to the defaults: points are still drawn.
    page.goto(site.joinpath("index.html").as_uri() + "#view=%E0%A4%A&y=bogus&runs=%")
    page.wait_for_selector("body[data-points-drawn]")
    if page.locator("#chart-interactivity .pt").count() == 0:
        problems.append("a malformed URL hash blanked the chart")

    page.screenshot(path=screenshot, full_page=True)
    depth(page, site, expected_points)
    if len(sys.argv) > 7:
        many(page, pathlib.Path(sys.argv[7]).resolve(), screenshot.replace(".png", "-30-series.png"))
    if len(sys.argv) > 8:
        band(page, pathlib.Path(sys.argv[8]).resolve())
    if len(sys.argv) > 9:
        residuals(page, pathlib.Path(sys.argv[9]).resolve(), screenshot.replace(".png", "-residuals.png"))
    if len(sys.argv) > 10:
        agentic(page, pathlib.Path(sys.argv[10]).resolve(), screenshot.replace(".png", "-agentic.png"))
    if len(sys.argv) > 6:
        page.goto(pathlib.Path(sys.argv[6]).resolve().joinpath("index.html").as_uri())
        page.wait_for_selector("#history tbody tr")
        regressed = page.locator("#history tbody tr.mark-regression")
        run_cells = [regressed.nth(i).locator("td").nth(1).inner_text() for i in range(regressed.count())]
        if run_cells != ["6", "6"]:
            problems.append(f"history rows marked as regressions are runs {run_cells}, expected run 6 of both series")
        elif "▼ regression" not in regressed.first.inner_text() or "since run 5" not in regressed.first.inner_text():
            problems.append("the regression mark does not say what and since when: " + regressed.first.inner_text())
        suspects = [page.locator("#history tbody tr.mark-suspect").nth(i).locator("td").nth(1).inner_text()
                    for i in range(page.locator("#history tbody tr.mark-suspect").count())]
        if suspects != ["5", "5"]:
            problems.append(f"suspect rows are runs {suspects}, expected run 5 of both series")
        if page.locator("#history li.mark-regression").count() < 2:
            problems.append("the view's confirmed changes are not listed above the history")
        if '<b id="annotation-markup">driver 575</b>' not in page.inner_text("#runs") or page.locator("#annotation-markup").count():
            problems.append("the annotation is not shown as text in the runs list")
        page.screenshot(path=screenshot.replace(".png", "-marks.png"), full_page=True)
    if errors:
        problems.append("console errors: " + "; ".join(errors))
    browser.close()

if problems:
    print("DASHBOARD BROWSER TEST FAILED:\n  " + "\n  ".join(problems))
    sys.exit(1)
print(f"dashboard in Chromium: {expected_points} points drawn, y metric and view switch, an H200 point's cost and power figures as worked out, tooltip on focus, hostile model name inert; "
      "repeat error bars, p99 switch, TTFT cap, drill-down from lazy-loaded data, two-run comparison as bench compare, SVG/PNG/JSON downloads, "
      f"30 series told apart, a slow measured series' simulated frontier and anomalies, an agentic view's axes and hit rates; screenshot {screenshot}")
