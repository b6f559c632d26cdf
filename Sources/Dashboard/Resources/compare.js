// bench dashboard: two runs of a series side by side: both frontiers on one chart and their ratio
// a/b over the interactivity both cover (64 log-spaced samples, log-log interpolation, never
// extrapolated), with its min / median / max: what `bench compare` computes.
(function () {
  "use strict";
  var ui = window.BenchUI, el = ui.el, svgEl = ui.svgEl;
  var W = 720, H = 300, M = { l: 70, r: 20, t: 16, b: 46 }, SAMPLES = 64;

  // The ratio a/b at SAMPLES log-spaced x over the overlap; null when the frontiers do not overlap.
  function ratios(a, b) {
    if (!a.length || !b.length) return null;
    var low = Math.max(a[0][0], b[0][0]), high = Math.min(a[a.length - 1][0], b[b.length - 1][0]);
    if (low > high) return null;
    var count = low === high ? 1 : SAMPLES, out = [];
    for (var k = 0; k < count; k++) {
      var x = count === 1 ? low : Math.exp(Math.log(low) + k / (count - 1) * (Math.log(high) - Math.log(low)));
      var ya = ui.interpolate(a, x), yb = ui.interpolate(b, x);
      if (ya !== null && yb > 0) out.push([x, ya / yb]);
    }
    return out.length ? out : null;
  }

  function median(sorted) {
    var n = sorted.length;
    return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  // `pair`: the two chosen series; `knots(series)`: its frontier as [x, y]; `choose(a, b)`: a new pick.
  function draw(box, series, pair, knots, labels, choose) {
    box.textContent = "";
    if (series.length < 2) { box.appendChild(el("p", {}, "One series in this view: nothing to compare.")); return; }
    var pickers = el("p", { "class": "pickers" });
    var selects = ["a", "b"].map(function (side, k) {
      var select = el("select", { id: "compare-" + side, "aria-label": "Series " + side });
      series.forEach(function (s) { select.appendChild(el("option", { value: s.id }, s.label)); });
      select.value = pair[k].id;
      var label = el("label", {}, side + " ");
      label.appendChild(select);
      pickers.appendChild(label);
      return select;
    });
    selects.forEach(function (select) { select.addEventListener("change", function () { choose(selects[0].value, selects[1].value); }); });
    box.appendChild(pickers);
    var a = knots(pair[0]), b = knots(pair[1]), all = a.concat(b);
    if (!all.length) { box.appendChild(el("p", {}, "Neither series has a frontier on these axes.")); return; }
    var sx = ui.logScale(all.map(function (k) { return k[0]; }), M.l, W - M.r), sy = ui.logScale(all.map(function (k) { return k[1]; }), H - M.b, M.t);
    var both = ui.chart("chart compare", W, H, "Frontiers of a and b");
    ui.axes(both, W, H, M, sx, sy, labels.x, labels.y);
    [[a, pair[0], "6 4"], [b, pair[1], null]].forEach(function (entry, k) {
      var line = entry[0].map(function (p) { return sx(p[0]) + "," + sy(p[1]); }).join(" ");
      both.appendChild(svgEl("polyline", { "class": "frontier side-" + (k ? "b" : "a"), fill: "none", stroke: entry[1].style.color,
        "stroke-dasharray": entry[2], points: line }));
      entry[0].forEach(function (p) {
        both.appendChild(ui.marker(entry[1].style.shape, sx(p[0]), sy(p[1]), 4.5, { fill: k ? entry[1].style.color : "#fff", stroke: entry[1].style.color }));
      });
    });
    var figures = el("div", { "class": "charts" });
    window.BenchExport.figure(figures, "a (dashed, hollow): " + pair[0].label + " · b (solid): " + pair[1].label, both, "compare-frontiers");
    var ratio = ratios(a, b);
    if (!ratio) {
      figures.appendChild(el("p", { "class": "ratio-summary" }, "The two frontiers share no interactivity range: no ratio."));
      box.appendChild(figures);
      return;
    }
    var values = ratio.map(function (r) { return r[1]; }).sort(function (x, y) { return x - y; });
    var rx = ui.logScale(ratio.map(function (r) { return r[0]; }), M.l, W - M.r);
    var ry = ui.linearScale(Math.min(values[0], 1) * 0.95, Math.max(values[values.length - 1], 1) * 1.05, H - M.b, M.t);
    var curve = ui.chart("chart compare", W, H, "Ratio a/b");
    ui.axes(curve, W, H, M, rx, ry, labels.x, "a / b");
    curve.appendChild(svgEl("line", { "class": "unity", x1: M.l, x2: W - M.r, y1: ry(1), y2: ry(1) }));
    curve.appendChild(svgEl("polyline", { "class": "ratio", fill: "none", points: ratio.map(function (r) { return rx(r[0]) + "," + ry(r[1]); }).join(" ") }));
    window.BenchExport.figure(figures, "Ratio a/b over the shared range", curve, "compare-ratio");
    box.appendChild(figures);
    box.appendChild(el("p", { "class": "ratio-summary", "data-median": String(median(values)) },
      "a/b over " + ui.format(ratio[0][0]) + "–" + ui.format(ratio[ratio.length - 1][0]) + " " + labels.xUnit + ": min " + values[0].toFixed(3) +
      ", median " + median(values).toFixed(3) + ", max " + values[values.length - 1].toFixed(3)));
  }

  window.BenchCompare = { draw: draw };
})();
