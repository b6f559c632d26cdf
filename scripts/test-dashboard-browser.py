"""The dashboard in a real headless Chromium (Debian's, driven by Playwright without a browser
download): the page loads from file:// with no console errors, the default chart shows every
point of its view, changing the y metric and the view changes the chart, a tooltip appears on
keyboard focus, a hostile model name is shown as text and never run, and a screenshot is written.
The frontier the browser draws must be the one `bench pareto` computes, and the table's cost and power
figures for one H200 point must be the ones worked out here from the catalog's H200 numbers.
The page first shows each series' newest run; "all runs" shows every stored run.
MARKS_SITE holds a history whose last two runs are 15% slower and whose run 1 is annotated: the
history must mark run 5 suspect and run 6 a regression for both series, and show the annotation as text.
Usage: test-dashboard-browser.py SITE_DIR EXPECTED_DEFAULT_POINTS EXPECTED_FRONTIER_POINTS EXPECTED_ALL_RUNS_POINTS SCREENSHOT [MARKS_SITE]"""
import json
import math
import pathlib
import sys

from playwright.sync_api import sync_playwright

site = pathlib.Path(sys.argv[1]).resolve()
expected_points, expected_frontier, expected_all, screenshot = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
problems = []

with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    errors, dialogs = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(site.joinpath("index.html").as_uri())
    page.wait_for_selector("body[data-points-drawn]")

    drawn = page.locator("#chart-interactivity circle").count()
    if drawn != expected_points:
        problems.append(f"default chart shows {drawn} points, expected {expected_points}")

    on_frontier = page.locator("#chart-interactivity circle.frontier-point").count()
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

    page.locator("#chart-interactivity circle").first.focus()
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
        if page.locator("#chart-interactivity circle").count() == 0:
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

    # A malformed hash (a bad percent escape, an unknown metric) falls back to the defaults: points are still drawn.
    page.goto(site.joinpath("index.html").as_uri() + "#view=%E0%A4%A&y=bogus&runs=%")
    page.wait_for_selector("body[data-points-drawn]")
    if page.locator("#chart-interactivity circle").count() == 0:
        problems.append("a malformed URL hash blanked the chart")

    page.screenshot(path=screenshot, full_page=True)
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
print(f"dashboard in Chromium: {expected_points} points drawn, y metric and view switch, an H200 point's cost and power figures as worked out, tooltip on focus, hostile model name inert; screenshot {screenshot}")
