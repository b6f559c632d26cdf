// bench dashboard: one point's drill-down, loaded only when opened from points/<id>.js: TTFT and
// E2E latency histograms, ITL by token position (p50 line in a p50–p90 band), every request as a
// bar from send to last token (failures marked), requests in flight over time with the steady-state
// window shaded, failures by kind, the engine command and the `bench run` line for this point.
(function () {
  "use strict";
  var ui = window.BenchUI, el = ui.el, svgEl = ui.svgEl;
  var W = 560, H = 260, M = { l: 60, r: 16, t: 14, b: 42 };
  window.BENCH_POINTS = window.BENCH_POINTS || {};
  var opened = null;

  function box() { return document.getElementById("drilldown"); }

  function withPoint(id, done, missing) {
    if (window.BENCH_POINTS[id]) return done(window.BENCH_POINTS[id]);
    // A script tag, not fetch: file:// pages may load scripts but not fetch files.
    var script = el("script", { src: "points/" + id + ".js" });
    script.onload = function () { return window.BENCH_POINTS[id] ? done(window.BENCH_POINTS[id]) : missing(); };
    script.onerror = missing;
    document.body.appendChild(script);
  }

  // An empty chart with linear axes (y from 0); returns the svg and its scales.
  function frame(title, xs, ys, xLabel, yLabel) {
    var sx = ui.linearScale(Math.min.apply(null, xs), Math.max.apply(null, xs), M.l, W - M.r);
    var sy = ui.linearScale(0, Math.max.apply(null, ys), H - M.b, M.t);
    var svg = ui.chart("chart drill", W, H, title);
    ui.axes(svg, W, H, M, sx, sy, xLabel, yLabel);
    return { svg: svg, sx: sx, sy: sy };
  }

  // Counts in 20 equal bins over the samples' range, widened by a tenth each side (a point whose
  // requests all took the same time still gets a visible bar).
  function histogram(title, samples, unit) {
    if (!samples.length) return null;
    var lo = Math.min.apply(null, samples), hi = Math.max.apply(null, samples), bins = 20;
    var pad = (hi - lo || hi || 1) * 0.1;
    lo = Math.max(0, lo - pad);
    hi += pad;
    var width = (hi - lo) / bins, counts = [];
    for (var b = 0; b < bins; b++) counts.push(0);
    samples.forEach(function (v) { counts[Math.min(bins - 1, Math.floor((v - lo) / width))] += 1; });
    var f = frame(title, [lo, lo + width * bins], counts, unit, "requests");
    counts.forEach(function (count, b) {
      if (!count) return;
      f.svg.appendChild(svgEl("rect", { "class": "bar", x: f.sx(lo + b * width), width: Math.max(1, f.sx(lo + (b + 1) * width) - f.sx(lo + b * width) - 1),
        y: f.sy(count), height: f.sy(0) - f.sy(count) }, undefined));
    });
    return f.svg;
  }

  function itlChart(itl) {
    if (!itl.upTo.length) return null;
    var f = frame("ITL by token position", itl.upTo, itl.p90, "token position", "ITL (ms)");
    var top = itl.upTo.map(function (pos, i) { return f.sx(pos) + "," + f.sy(itl.p90[i]); });
    var bottom = itl.upTo.map(function (pos, i) { return f.sx(pos) + "," + f.sy(itl.p50[i]); }).reverse();
    f.svg.appendChild(svgEl("polygon", { "class": "band", points: top.concat(bottom).join(" ") }));
    f.svg.appendChild(svgEl("polyline", { "class": "median", fill: "none", points: bottom.slice().reverse().join(" ") }));
    return f.svg;
  }

  function timeline(req) {
    if (!req.start.length) return null;
    var order = req.start.map(function (v, i) { return i; }).sort(function (a, b) { return req.start[a] - req.start[b]; });
    var ends = req.end.map(function (v, i) { return v === null ? req.start[i] : v; });
    var f = frame("Request timeline", req.start.concat(ends).map(function (v) { return v / 1000; }), [order.length], "seconds from the first send", "request (by send time)");
    var row = (H - M.b - M.t) / order.length;
    order.forEach(function (i, k) {
      var failed = req.failure.of[i] >= 0;
      var y = f.sy(k + 1);
      var bar = svgEl("rect", { "class": failed ? "request failed" : "request", x: f.sx(req.start[i] / 1000), y: y,
        width: Math.max(1, f.sx(ends[i] / 1000) - f.sx(req.start[i] / 1000)), height: Math.max(0.5, row * 0.8) });
      bar.appendChild(svgEl("title", {}, "request " + i + (failed ? ", failed: " + req.failure.names[req.failure.of[i]] : "") + ", " + req.tokens[i] + " tokens"));
      f.svg.appendChild(bar);
    });
    return f.svg;
  }

  // Requests in flight as a step line over time; the window in which every slot was busy shaded.
  function inFlight(req, steady, concurrency) {
    if (!req.start.length) return null;
    var changes = [];
    req.start.forEach(function (s, i) { changes.push([s, 1]); changes.push([req.end[i] === null ? s : req.end[i], -1]); });
    changes.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var level = 0, points = [], peak = concurrency;
    changes.forEach(function (c) {
      points.push([c[0] / 1000, level]);
      level += c[1];
      points.push([c[0] / 1000, level]);
      peak = Math.max(peak, level);
    });
    var f = frame("Requests in flight", points.map(function (p) { return p[0]; }), [peak], "seconds from the first send", "in flight");
    if (steady) {
      f.svg.appendChild(svgEl("rect", { "class": "steady", x: f.sx(steady[0] / 1000), y: M.t, width: f.sx(steady[1] / 1000) - f.sx(steady[0] / 1000), height: H - M.b - M.t },
        undefined)).appendChild(svgEl("title", {}, "steady state: every one of " + concurrency + " slots busy"));
    }
    f.svg.appendChild(svgEl("polyline", { "class": "median", fill: "none", points: points.map(function (p) { return f.sx(p[0]) + "," + f.sy(p[1]); }).join(" ") }));
    return f.svg;
  }

  function draw(id, context, data) {
    var req = data.requests, panel = box();
    var ttft = [], e2el = [];
    req.start.forEach(function (s, i) {
      if (req.failure.of[i] >= 0) return;
      if (req.first[i] !== null) ttft.push(req.first[i] - s);
      if (req.end[i] !== null) e2el.push((req.end[i] - s) / 1000);
    });
    var charts = el("div", { "class": "drill-charts" });
    var name = "point-" + id;
    var drawn = [["TTFT histogram", histogram("TTFT histogram", ttft, "TTFT (ms)"), name + "-ttft"],
      ["E2E latency histogram", histogram("E2E latency histogram", e2el, "E2E latency (s)"), name + "-e2el"],
      ["ITL by token position (p50 line, p50–p90 band)", itlChart(data.itl), name + "-itl"],
      ["Request timeline (send to last token; failures in red)", timeline(req), name + "-timeline"],
      ["Requests in flight (steady-state window shaded)", inFlight(req, data.steady, data.concurrency), name + "-inflight"]];
    drawn.forEach(function (d) { window.BenchExport.figure(charts, d[0], d[1] || el("p", {}, "No samples."), d[2]); });
    panel.appendChild(charts);
    panel.appendChild(el("h3", {}, "Failures"));
    if (!data.failures.length) panel.appendChild(el("p", {}, "None of " + req.start.length + " requests failed."));
    var list = el("ul", { "class": "failures" });
    data.failures.forEach(function (f) {
      var item = el("li", {}, f.kind + ": " + f.count);
      f.messages.forEach(function (m) { item.appendChild(el("br")); item.appendChild(el("code", {}, m)); });
      list.appendChild(item);
    });
    panel.appendChild(list);
    panel.appendChild(el("h3", {}, "Engine command and environment (secrets redacted)"));
    panel.appendChild(el("pre", { "class": "command" }, data.command || "not recorded (a virtual-clock run simulates in process and launches no engine)"));
    panel.appendChild(el("h3", {}, "Reproduce this point"));
    panel.appendChild(el("pre", { "class": "reproduce" }, data.reproduce || "no stored plan (an ingested result): see its source file"));
    panel.setAttribute("data-charts", String(drawn.filter(function (d) { return d[1]; }).length));
  }

  function open(id, context, onClose) {
    var panel = box();
    if (opened === id && panel.getAttribute("data-point") === String(id)) return;
    opened = id;
    panel.hidden = false;
    panel.textContent = "";
    panel.removeAttribute("data-charts");
    panel.setAttribute("data-point", String(id));
    var heading = el("h2", {}, "Point " + id + (context ? ": " + context.series.label + ", " + context.point.config + ", " + context.point.deployment +
      ", conc " + context.point.conc : ""));
    var close = el("button", { type: "button", "class": "close" }, "Close");
    close.addEventListener("click", onClose);
    heading.appendChild(close);
    panel.appendChild(heading);
    withPoint(id, function (data) { if (opened === id) draw(id, context, data); }, function () {
      if (opened !== id) return;
      panel.appendChild(el("p", {}, "No per-request records are stored for this point (a result ingested from a summary file)."));
      panel.setAttribute("data-charts", "0");
    });
    panel.scrollIntoView({ block: "start" });
  }

  function close() {
    opened = null;
    box().hidden = true;
    box().textContent = "";
    box().removeAttribute("data-point");
  }

  window.BenchDrill = { open: open, close: close };
})();
