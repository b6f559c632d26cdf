// bench dashboard: draws the charts, selectors, legend, tooltips, history and tables from the
// manifest and per-view data. Every string from the data goes in through textContent or
// setAttribute, never as HTML. The state lives in the URL hash, so every view is a permalink.
(function () {
  "use strict";
  var ui = window.BenchUI, el = ui.el, svgEl = ui.svgEl, logScale = ui.logScale, format = ui.format;
  var PERCENTILES = ["p50", "p90", "p99"], CAP_STATS = ["ttft-p50", "ttft-p90", "ttft-p99"];
  // Agentic-coding views plot against these (InferenceX's agentic axes); their second chart is p90 TTFT.
  var AGENTIC_X = { "e2e-norm-interactivity-p90": "p90 E2E-normalised interactivity (tok/s/user, 1 / p90 of E2EL per output token)",
    "e2e-norm-interactivity-p75": "p75 E2E-normalised interactivity (tok/s/user, 1 / p75 of E2EL per output token)",
    "interactivity-p90": "p90 interactivity (tok/s/user, 1 / p90 ITL)" };
  var manifest = JSON.parse(document.getElementById("manifest").textContent);
  window.BENCH_VIEWS = window.BENCH_VIEWS || {};
  var state = readHash();

  // A hand-edited or truncated hash (bad percent escapes, an unknown metric) falls back to the
  // defaults field by field instead of blanking the page.
  function readHash() {
    var out = { view: null, y: "tput-per-gpu", hide: [], runs: "latest", pct: "p50", cap: null, point: null, cmp: null, sim: true,
      ax: "e2e-norm-interactivity-p90" };
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var parts = pair.split("=");
      if (parts.length !== 2) return;
      var value;
      try { value = decodeURIComponent(parts[1]); } catch (e) { return; }
      if (parts[0] === "view") out.view = value;
      if (parts[0] === "y") out.y = value;
      if (parts[0] === "hide") out.hide = value ? value.split(",") : [];
      if (parts[0] === "runs" && (value === "all" || value === "latest")) out.runs = value;
      if (parts[0] === "pct" && PERCENTILES.indexOf(value) >= 0) out.pct = value;
      // cap=ttft-p90:2 keeps the points whose p90 TTFT is at most 2 s.
      var cap = parts[0] === "cap" && value.split(":");
      if (cap && CAP_STATS.indexOf(cap[0]) >= 0 && Number(cap[1]) > 0) out.cap = { stat: cap[0], max: Number(cap[1]) };
      if (parts[0] === "point" && /^[0-9]+$/.test(value)) out.point = Number(value);
      if (parts[0] === "cmp" && value.split(",").length === 2) out.cmp = value.split(",");
      if (parts[0] === "sim") out.sim = value !== "0";
      if (parts[0] === "ax" && AGENTIC_X[value]) out.ax = value;
    });
    if (!manifest.yMetrics.some(function (m) { return m.id === out.y; })) out.y = "tput-per-gpu";
    return out;
  }

  function writeHash() {
    var hash = "view=" + encodeURIComponent(state.view) + "&y=" + encodeURIComponent(state.y) + "&runs=" + state.runs + "&pct=" + state.pct +
      (state.cap ? "&cap=" + state.cap.stat + ":" + state.cap.max : "") +
      (state.hide.length ? "&hide=" + encodeURIComponent(state.hide.join(",")) : "") + (state.point !== null ? "&point=" + state.point : "") +
      (state.cmp ? "&cmp=" + encodeURIComponent(state.cmp.join(",")) : "") + (state.sim ? "" : "&sim=0") +
      (state.ax !== "e2e-norm-interactivity-p90" ? "&ax=" + state.ax : "");
    if (location.hash.slice(1) !== hash) history.replaceState(null, "", "#" + hash);
  }

  function unique(values) { return values.filter(function (v, i) { return values.indexOf(v) === i; }); }

  function metricInfo(id) {
    return manifest.yMetrics.filter(function (m) { return m.id === id; })[0] || manifest.yMetrics[0];
  }

  function fill(select, values, chosen, label) {
    select.textContent = "";
    values.forEach(function (value) {
      var option = el("option", { value: value }, label ? label(value) : value);
      if (value === chosen) option.selected = true;
      select.appendChild(option);
    });
  }

  function currentEntry() {
    return manifest.views.filter(function (v) { return v.slug === state.view; })[0] || manifest.views[0];
  }

  function setupControls() {
    var entry = currentEntry();
    if (!entry) return;
    state.view = entry.slug;
    var models = unique(manifest.views.map(function (v) { return v.model; }));
    var sameModel = manifest.views.filter(function (v) { return v.model === entry.model; });
    var seqlens = unique(sameModel.map(function (v) { return v.isl + "/" + v.osl; }));
    var precisions = unique(sameModel.filter(function (v) { return v.isl + "/" + v.osl === entry.isl + "/" + entry.osl; })
      .map(function (v) { return v.precision; }));
    fill(document.getElementById("model"), models, entry.model);
    fill(document.getElementById("seqlen"), seqlens, entry.isl + "/" + entry.osl, function (v) { return v === "0/0" ? "agentic-coding" : v; });
    fill(document.getElementById("precision"), precisions, entry.precision);
    fill(document.getElementById("ymetric"), manifest.yMetrics.map(function (m) { return m.id; }), state.y, function (id) {
      var m = metricInfo(id);
      return id + " (" + m.unit + ", " + m.better + " is better)";
    });
    document.getElementById("percentile").value = state.pct;
    document.getElementById("cap-stat").value = state.cap ? state.cap.stat : "ttft-p90";
    document.getElementById("cap-max").value = state.cap ? String(state.cap.max) : "";
    document.getElementById("show-sim").checked = state.sim;
    // An agentic view picks its axis with its own selector (the percentile is in the axis).
    document.getElementById("agentic-x-label").hidden = !isAgentic(entry);
    document.getElementById("percentile-label").hidden = isAgentic(entry);
    document.getElementById("agentic-x").value = state.ax;
  }

  // Agentic-coding views have no ISL/OSL (both 0 in the manifest).
  function isAgentic(entry) { return !!entry && entry.scenario === "agentic-coding"; }

  function chooseView(model, seqlen, precision) {
    var candidates = manifest.views.filter(function (v) { return v.model === model; });
    var exact = candidates.filter(function (v) { return v.isl + "/" + v.osl === seqlen && v.precision === precision; })[0];
    var sameSeq = candidates.filter(function (v) { return v.isl + "/" + v.osl === seqlen; })[0];
    var chosen = exact || sameSeq || candidates[0];
    if (chosen) { state.view = chosen.slug; state.hide = []; state.point = null; state.cmp = null; }
    render();
  }

  // The shipped columns become point objects; the derived y metrics use Analysis's YMetric formulas:
  // tok/s per MW = tok/s/GPU × 1000 / kW; $/M tokens = $/GPU-hr / (tok/s/GPU × 3600 / 10^6);
  // J/token = kW × 1000 / tok/s/GPU.
  function prepare(view) {
    if (view.prepared) return view;
    view.series.forEach(function (s) {
      s.points = s.ids.map(function (id, i) {
        var p = { id: id, conc: s.conc[i], gpus: s.gpus[i], deployment: s.dep.names[s.dep.of[i]], config: s.cfg.names[s.cfg.of[i]], x: {}, y: {}, cap: {}, hit: {},
          failure: s.why && s.why.of[i] >= 0 ? s.why.names[s.why.of[i]] : null };
        Object.keys(s.x).forEach(function (m) { if (s.x[m][i] !== null) p.x[m] = s.x[m][i]; });
        Object.keys(s.y).forEach(function (m) { if (s.y[m][i] !== null) p.y[m] = s.y[m][i]; });
        Object.keys(s.cap || {}).forEach(function (m) { if (s.cap[m][i] !== null) p.cap[m] = s.cap[m][i]; });
        Object.keys(s.hit || {}).forEach(function (m) { if (s.hit[m][i] !== null) p.hit[m] = s.hit[m][i]; });
        derive(p.y, s);
        if (s.sim && s.sim.tput[i] !== null) {
          p.sim = { residual: s.sim.res[i], anomaly: s.sim.anom[i] === 1, y: { "tput-per-gpu": s.sim.tput[i] }, x: {} };
          if (s.sim.intvty[i] !== null) p.sim.x.interactivity = s.sim.intvty[i];
          derive(p.sim.y, s);
        }
        if (s.sim && s.sim.why && s.sim.why.of[i] >= 0) p.notSimulated = s.sim.why.names[s.sim.why.of[i]];
        return p;
      });
      s.frontierCache = {};
      // The simulated engine's run of each measured point, as a series of its own for frontierOf
      // (the measured point's TTFT stands in for the cap).
      s.simulatedSeries = { frontierCache: {}, points: s.points.filter(function (p) { return p.sim && !p.failure; }).map(function (p) {
        return { id: p.id, x: p.sim.x, y: p.sim.y, cap: p.cap };
      }) };
    });
    view.prepared = true;
    return view;
  }

  // The y metrics derived from total tok/s/GPU, added to `y` (a point's measured or simulated values).
  function derive(y, s) {
    var perGPU = y["tput-per-gpu"];
    if (s.kw && perGPU > 0) {
      y["tok-per-mw"] = perGPU * 1000 / s.kw;
      y["joules-per-token"] = s.kw * 1000 / perGPU;
    }
    if (s.usd && perGPU > 0) {
      ["usd-per-mtok-hyperscaler", "usd-per-mtok-neocloud", "usd-per-mtok-rental-3yr"].forEach(function (m, k) {
        y[m] = s.usd[k] / (perGPU * 3600 / 1e6);
      });
    }
  }

  // The residual against the simulated engine as text: "ANOMALY −21%" beyond the band, else "−3%".
  function residualText(p) {
    if (!p.sim || p.sim.residual === null) return "";
    var percent = (p.sim.residual * 100).toFixed(0).replace("-", "−");
    return (p.sim.anomaly ? "ANOMALY " : "") + (p.sim.residual > 0 ? "+" : "") + percent + "%";
  }

  // The tooltip's lines on the simulated engine's run of a measured point.
  function simulatedTip(p) {
    if (p.notSimulated) return "\nno residual: the simulator cannot run it (" + p.notSimulated + ")";
    if (!p.sim) return "";
    return "\nsimulated: " + format(p.sim.y["tput-per-gpu"]) + " tok/s/GPU" +
      (p.sim.x.interactivity ? " at " + format(p.sim.x.interactivity) + " tok/s/user" : "") +
      "\nresidual (measured / simulated − 1): " + residualText(p) + (p.sim.anomaly ? " (beyond ±" + (manifest.simBand * 100).toFixed(0) + "%)" : "");
  }

  // The Pareto frontier of one series on one axis pair, as Analysis.Frontier computes it: sort
  // from best x to worst, keep each point whose y beats all seen so far; indices in increasing x.
  function frontierOf(s, xMetric, yMetric) {
    var key = xMetric + "|" + yMetric + "|" + (state.cap ? state.cap.stat + ":" + state.cap.max : "");
    if (s.frontierCache[key]) return s.frontierCache[key];
    var xSign = xMetric.indexOf("e2el") === 0 || xMetric.indexOf("ttft") === 0 ? -1 : 1, ySign = metricInfo(yMetric).better === "lower" ? -1 : 1;
    var order = s.points.map(function (p, i) { return i; }).filter(function (i) {
      // Points over the failure rate are never on a frontier.
      return !s.points[i].failure && meetsCap(s.points[i]) && s.points[i].x[xMetric] !== undefined && s.points[i].y[yMetric] !== undefined;
    }).sort(function (a, b) {
      var pa = s.points[a], pb = s.points[b];
      return (xSign * pb.x[xMetric] - xSign * pa.x[xMetric]) || (ySign * pb.y[yMetric] - ySign * pa.y[yMetric]) || (a - b);
    });
    var kept = [], best = -Infinity;
    order.forEach(function (i) {
      var y = ySign * s.points[i].y[yMetric];
      if (y > best) { kept.push(i); best = y; }
    });
    kept.sort(function (a, b) { return (s.points[a].x[xMetric] - s.points[b].x[xMetric]) || (a - b); });
    s.frontierCache[key] = kept;
    return kept;
  }

  // A view's newest runs (what the page shows first, embedded for the default view) or all of them.
  function withView(slug, latest, done) {
    var key = slug + (latest ? "@latest" : ""), file = "views/" + slug + (latest ? ".latest" : "") + ".js";
    if (window.BENCH_VIEWS[key]) return done(prepare(window.BENCH_VIEWS[key]));
    // A script tag, not fetch: file:// pages may load scripts but not fetch files.
    var script = el("script", { src: file });
    script.onload = function () { done(prepare(window.BENCH_VIEWS[key])); };
    script.onerror = function () { document.getElementById("view-title").textContent = "Cannot load " + file; };
    document.body.appendChild(script);
  }

  // The chart's x metric: interactivity (1 / TPOT) or E2E latency at the chosen percentile; on an
  // agentic view the chosen agentic axis and p90 TTFT instead.
  function xMetricOf(base) {
    if (isAgentic(currentEntry())) return base === "e2el" ? "ttft-p90" : state.ax;
    return state.pct === "p50" ? base : base + "-" + state.pct;
  }

  // A point's prefix-cache hit rates (agentic points), for tooltips and the table.
  function hitRates(p) {
    if (p.hit.theoretical === undefined && p.hit.server === undefined) return "";
    var percent = function (v) { return v === undefined ? "—" : (v * 100).toFixed(1) + "%"; };
    return "prefix-cache hit rate: theoretical " + percent(p.hit.theoretical) + ", server " + percent(p.hit.server);
  }

  // Points a TTFT cap leaves out are neither drawn nor on a frontier; a point without the statistic fails the cap.
  function meetsCap(p) { return !state.cap || (p.cap[state.cap.stat] !== undefined && p.cap[state.cap.stat] <= state.cap.max); }

  function drawChart(container, view, xMetric, xLabel) {
    var W = 720, H = 420, M = { l: 70, r: 20, t: 20, b: 50 };
    var yMetric = state.y, info = metricInfo(yMetric);
    var drawable = function (p) { return p.x[xMetric] > 0 && p.y[yMetric] > 0 && meetsCap(p); };
    var visible = view.series.filter(function (s) { return state.hide.indexOf(s.id) < 0; });
    // Simulated frontiers exist for the median interactivity only (the simulated runs ship no tails).
    var simulatedOn = state.sim && xMetric === "interactivity";
    var xs = [], ys = [];
    visible.forEach(function (s) {
      s.points.forEach(function (p) { if (drawable(p)) { xs.push(p.x[xMetric]); ys.push(p.y[yMetric]); } });
      if (simulatedOn) s.simulatedSeries.points.forEach(function (p) { if (drawable(p)) { xs.push(p.x[xMetric]); ys.push(p.y[yMetric]); } });
    });
    container.textContent = "";
    if (!xs.length) { container.appendChild(el("p", {}, "No visible points with both values" + (state.cap ? " under the TTFT cap." : "."))); return 0; }
    var sx = logScale(xs, M.l, W - M.r), sy = logScale(ys, H - M.b, M.t);
    var svg = ui.chart("chart", W, H, info.id + " (" + info.unit + ") against " + xLabel + ", " + view.title);
    ui.axes(svg, W, H, M, sx, sy, xLabel, info.id + " (" + info.unit + (info.better === "lower" ? ", lower is better" : "") + ")");
    var drawn = 0;
    visible.forEach(function (s) {
      var style = s.style;
      var frontier = frontierOf(s, xMetric, yMetric);
      var line = frontier.map(function (i) { return sx(s.points[i].x[xMetric]) + "," + sy(s.points[i].y[yMetric]); }).join(" ");
      svg.appendChild(svgEl("polyline", { "class": "frontier" + (s.simulated ? " simulated" : ""), fill: "none", stroke: style.color,
        "stroke-dasharray": style.dash || null, points: line }));
      drawSpread(svg, s, frontier, xMetric, yMetric, sx, sy);
      if (simulatedOn) drawSimulated(svg, s, yMetric, sx, sy);
      s.points.forEach(function (p, i) {
        if (!drawable(p)) return;
        var onFrontier = frontier.indexOf(i) >= 0;
        var text = s.label + "\n" + p.config + "\n" + p.deployment + ", " + p.gpus + " GPUs, conc " + p.conc + "\n" + xLabel + ": " + format(p.x[xMetric]) +
          "\n" + info.id + ": " + format(p.y[yMetric]) + " " + info.unit + (onFrontier ? "\non the frontier" : "") +
          (p.failure ? "\nfailed: " + p.failure : "") + (hitRates(p) ? "\n" + hitRates(p) : "") + simulatedTip(p) + "\npoint " + p.id + " (click or Enter: its requests)";
        // A failed point is hollow: measured, but over the failure rate.
        var dot = ui.marker(style.shape, sx(p.x[xMetric]), sy(p.y[yMetric]), 5, { fill: p.failure ? "none" : style.color,
          stroke: p.failure ? style.color : null, tabindex: "0", "data-point": String(p.id),
          "class": "pt " + (p.failure ? "failed" : onFrontier ? "frontier-point" : "dominated"), "aria-label": text.replace(/\n/g, "; ") });
        dot.addEventListener("mouseenter", function (e) { showTip(text, e.pageX, e.pageY); });
        dot.addEventListener("mouseleave", hideTip);
        dot.addEventListener("focus", function () { var r = dot.getBoundingClientRect(); showTip(text, r.right + window.scrollX, r.bottom + window.scrollY); });
        dot.addEventListener("blur", hideTip);
        dot.addEventListener("click", function () { openPoint(p.id); });
        dot.addEventListener("keydown", function (e) { if (e.key === "Enter") openPoint(p.id); });
        svg.appendChild(dot);
        // Beyond the band against the simulated engine: a ring around the point.
        if (p.sim && p.sim.anomaly) svg.appendChild(svgEl("circle", { "class": "anomaly", cx: sx(p.x[xMetric]), cy: sy(p.y[yMetric]), r: 9,
          "aria-label": s.label + ", conc " + p.conc + ": " + residualText(p) + " against the simulated engine" }));
        drawn += 1;
      });
    });
    container.appendChild(svg);
    return drawn;
  }

  // A measured series' simulated frontier: thin, dotted, in its colour, labelled at its right end.
  function drawSimulated(svg, s, yMetric, sx, sy) {
    var sim = s.simulatedSeries, knots = frontierOf(sim, "interactivity", yMetric).map(function (i) { return sim.points[i]; })
      .filter(function (p) { return p.x.interactivity > 0 && p.y[yMetric] > 0 && meetsCap(p); });
    if (!knots.length) return;
    var label = "simulated frontier: " + s.label + " on the simulated engine (virtual clock)";
    svg.appendChild(svgEl("polyline", { "class": "sim-frontier", fill: "none", stroke: s.style.color, "aria-label": label,
      points: knots.map(function (p) { return sx(p.x.interactivity) + "," + sy(p.y[yMetric]); }).join(" ") }));
    var last = knots[knots.length - 1];
    svg.appendChild(svgEl("text", { "class": "sim-label", fill: s.style.color, x: sx(last.x.interactivity) + 4, y: sy(last.y[yMetric]) - 4 }, "simulated"));
  }

  // With --repeats a point is stored once per repeat: each group of repeats (same config, deployment
  // and concurrency) gets min–max error bars on both axes, crossing at the group's medians, and the
  // frontier a band through its points' repeats' min and max y.
  function drawSpread(svg, s, frontier, xMetric, yMetric, sx, sy) {
    var groups = {};
    s.points.forEach(function (p) {
      if (p.failure || !meetsCap(p) || !(p.x[xMetric] > 0 && p.y[yMetric] > 0)) return;
      var key = p.config + "|" + p.deployment + "|" + p.conc;
      (groups[key] = groups[key] || []).push(p);
    });
    Object.keys(groups).forEach(function (key) {
      var members = groups[key];
      if (members.length < 2) return;
      var xs = members.map(function (p) { return p.x[xMetric]; }).sort(function (a, b) { return a - b; });
      var ys = members.map(function (p) { return p.y[yMetric]; }).sort(function (a, b) { return a - b; });
      var mx = xs[Math.floor(xs.length / 2)], my = ys[Math.floor(ys.length / 2)];
      var label = s.label + ", conc " + members[0].conc + ": " + members.length + " repeats, min–max";
      svg.appendChild(svgEl("line", { "class": "spread", stroke: s.style.color, x1: sx(xs[0]), x2: sx(xs[xs.length - 1]), y1: sy(my), y2: sy(my), "aria-label": label }));
      svg.appendChild(svgEl("line", { "class": "spread", stroke: s.style.color, x1: sx(mx), x2: sx(mx), y1: sy(ys[0]), y2: sy(ys[ys.length - 1]), "aria-label": label }));
    });
    var range = function (p) {
      var ys = groups[p.config + "|" + p.deployment + "|" + p.conc].map(function (q) { return q.y[yMetric]; });
      return [Math.min.apply(null, ys), Math.max.apply(null, ys)];
    };
    var knots = frontier.map(function (i) { return s.points[i]; });
    if (!knots.some(function (p) { var r = range(p); return r[1] > r[0]; })) return;
    var upper = knots.map(function (p) { return sx(p.x[xMetric]) + "," + sy(range(p)[1]); });
    var lower = knots.map(function (p) { return sx(p.x[xMetric]) + "," + sy(range(p)[0]); }).reverse();
    svg.appendChild(svgEl("polygon", { "class": "frontier-band", fill: s.style.color, points: upper.concat(lower).join(" "),
      "aria-label": s.label + ": frontier band, min–max of its points' repeats" }));
  }

  function showTip(text, x, y) {
    var tip = document.getElementById("tooltip");
    tip.textContent = text;
    tip.hidden = false;
    tip.style.left = (x + 12) + "px";
    tip.style.top = (y + 12) + "px";
  }

  function hideTip() { document.getElementById("tooltip").hidden = true; }

  function drawLegend(view) {
    window.BenchLegend.draw(document.getElementById("legend"), view.series, state.hide, function (hidden) { state.hide = hidden; render(); });
  }

  // A frontier as [x, y] knots in increasing x (positive values only), for interpolation.
  function knotsOf(series, xMetric) {
    return frontierOf(series, xMetric, state.y).map(function (i) { return series.points[i]; })
      .filter(function (p) { return p.x[xMetric] > 0 && p.y[state.y] > 0; }).map(function (p) { return [p.x[xMetric], p.y[state.y]]; });
  }

  // Throughput read off each frontier at fixed interactivity (as bench compare reads them).
  function atInteractivity(series, level) { return ui.interpolate(knotsOf(series, "interactivity"), level); }

  // Up to four 1-2-5 interactivity levels inside the range the view's frontiers cover.
  function historyLevels(view) {
    var xs = [];
    view.series.forEach(function (s) {
      frontierOf(s, "interactivity", state.y).forEach(function (i) { xs.push(s.points[i].x.interactivity); });
    });
    if (!xs.length) return [];
    var lo = Math.min.apply(null, xs), hi = Math.max.apply(null, xs), levels = [];
    for (var decade = Math.pow(10, Math.floor(Math.log10(lo))); decade <= hi; decade *= 10) {
      [1, 2, 5].forEach(function (s) { if (decade * s >= lo && decade * s <= hi) levels.push(decade * s); });
    }
    if (!levels.length) levels = [Math.round(Math.sqrt(lo * hi))];
    while (levels.length > 4) levels = levels.filter(function (v, i) { return i % 2 === 0; });
    return levels;
  }

  // The regression gate's stored verdicts for one line and run of this view (bench regressions).
  function marksFor(view, line, run) {
    return (manifest.marks || []).filter(function (m) { return m.view === view.slug && m.line === line && m.run === run; });
  }

  function markText(m) {
    var symbol = m.verdict === "regression" ? "▼" : m.verdict === "improvement" ? "▲" : "?";
    return symbol + " " + m.verdict + " " + (m.change * 100).toFixed(1) + "% " + m.measure +
      (m.shiftRun !== null && m.shiftRun !== undefined ? " (since run " + m.shiftRun + ")" : "");
  }

  function annotationsOf(run) {
    var found = manifest.runs.filter(function (r) { return r.id === run; })[0];
    return found && found.annotations ? found.annotations : [];
  }

  function drawHistory(view) {
    var levels = historyLevels(view);
    var box = document.getElementById("history");
    box.textContent = "";
    var confirmed = (manifest.marks || []).filter(function (m) { return m.view === view.slug && m.verdict !== "suspect"; });
    if (confirmed.length) {
      var list = el("ul", { "class": "marks" });
      confirmed.forEach(function (m) {
        list.appendChild(el("li", { "class": "mark-" + m.verdict }, "run " + m.run + " · " + m.series + " · " + markText(m)));
      });
      box.appendChild(el("p", {}, "Regression gate (bench regressions): " + confirmed.length + " confirmed change" + (confirmed.length === 1 ? "" : "s") + " in this view"));
      box.appendChild(list);
    }
    var table = el("table");
    table.appendChild(el("caption", {}, metricInfo(state.y).id + " at fixed interactivity, per run (— where the frontier does not reach it); the gate's verdicts and annotations at the right"));
    var head = el("tr");
    ["Hardware × framework", "Run"].concat(levels.map(function (l) { return l + " tok/s/user"; })).concat(["Gate", "Annotations"])
      .forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    view.series.slice().sort(function (a, b) { return (a.hardware + a.framework).localeCompare(b.hardware + b.framework) || a.run - b.run; })
      .forEach(function (s) {
        var marks = marksFor(view, s.line, s.run);
        var worst = marks.filter(function (m) { return m.verdict === "regression"; }).length ? "regression"
          : marks.filter(function (m) { return m.verdict === "improvement"; }).length ? "improvement" : marks.length ? "suspect" : "";
        var row = el("tr", worst ? { "class": "mark-" + worst } : {});
        row.appendChild(el("td", {}, s.hardware + " " + s.framework + (s.simulated ? " (sim)" : "")));
        row.appendChild(el("td", {}, String(s.run)));
        levels.forEach(function (level) {
          var value = atInteractivity(s, level);
          row.appendChild(el("td", {}, value === null ? "—" : format(value)));
        });
        row.appendChild(el("td", {}, marks.map(markText).join("; ")));
        row.appendChild(el("td", {}, annotationsOf(s.run).map(function (t) { return "✎ " + t; }).join("; ")));
        body.appendChild(row);
      });
    table.appendChild(body);
    box.appendChild(table);
  }

  // Every point at the chosen percentile, with a button that opens its drill-down.
  function drawTable(view) {
    var box = document.getElementById("table");
    box.textContent = "";
    var info = metricInfo(state.y), x = xMetricOf("interactivity"), e2el = xMetricOf("e2el"), pct = state.pct === "p50" ? "median" : state.pct;
    var table = el("table");
    table.appendChild(el("caption", {}, view.title + ": every point (" + info.id + ", " + info.unit + ")"));
    var head = el("tr");
    var agentic = isAgentic(currentEntry());
    var xHead = agentic ? AGENTIC_X[state.ax] : "Interactivity (tok/s/user, " + pct + ")", secondHead = agentic ? "p90 TTFT (s)" : "E2E latency (s, " + pct + ")";
    ["Series", "Config", "Deployment", "GPUs", "Conc", xHead, secondHead, info.id, "Frontier", "Against simulated"]
      .concat(agentic ? ["Theoretical hit rate", "Server hit rate"] : []).concat(["Requests"])
      .forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    view.series.forEach(function (s) {
      var frontier = frontierOf(s, x, state.y);
      s.points.forEach(function (p, i) {
        var row = el("tr");
        [s.label, p.config, p.deployment, String(p.gpus), String(p.conc),
          p.x[x] ? format(p.x[x]) : "—", p.x[e2el] ? format(p.x[e2el]) : "—",
          p.y[state.y] ? format(p.y[state.y]) : "—",
          p.failure ? "failed: " + p.failure : !meetsCap(p) ? "over the TTFT cap" : frontier.indexOf(i) >= 0 ? "yes" : "",
          p.notSimulated ? "— (the simulator cannot run it)" : residualText(p)]
          .concat(agentic ? [p.hit.theoretical, p.hit.server].map(function (v) { return v === undefined ? "—" : (v * 100).toFixed(1) + "%"; }) : [])
          .forEach(function (cell) { row.appendChild(el("td", {}, cell)); });
        if (p.sim && p.sim.anomaly) row.setAttribute("class", "anomaly");
        var open = el("button", { type: "button", "class": "open-point", "data-point": String(p.id) }, "point " + p.id);
        open.addEventListener("click", function () { openPoint(p.id); });
        row.appendChild(el("td")).appendChild(open);
        body.appendChild(row);
      });
    });
    table.appendChild(body);
    box.appendChild(table);
  }

  function drawRuns() {
    var box = document.getElementById("runs");
    box.textContent = "";
    var list = el("ul");
    manifest.runs.forEach(function (run) {
      var item = el("li", {}, "run " + run.id + " · " + run.trigger + " · " + run.started + " · " + run.status + " · engine " + run.engine + " (" + run.clock +
        ") · host " + run.host + " · bench " + run.harnessVersion);
      (run.annotations || []).forEach(function (text) {
        item.appendChild(el("br"));
        item.appendChild(el("span", { "class": "annotation" }, "✎ " + text));
      });
      run.engineCommands.forEach(function (command) {
        item.appendChild(el("br"));
        item.appendChild(el("code", {}, command));
      });
      list.appendChild(item);
    });
    box.appendChild(list);
    box.appendChild(el("p", {}, "Generated " + manifest.generated + "."));
  }

  // Two runs of a series: those in the URL, else the oldest and newest run of the first series
  // with two, else the first two series.
  function drawCompare(view) {
    var byID = {};
    view.series.forEach(function (s) { byID[s.id] = s; });
    var pair = state.cmp && byID[state.cmp[0]] && byID[state.cmp[1]] ? [byID[state.cmp[0]], byID[state.cmp[1]]] : null;
    view.series.forEach(function (s) {
      var runs = view.series.filter(function (t) { return t.line === s.line; }).sort(function (a, b) { return a.run - b.run; });
      if (!pair && runs.length > 1) pair = [runs[0], runs[runs.length - 1]];
    });
    pair = pair || view.series.slice(0, 2);
    var x = xMetricOf("interactivity"), info = metricInfo(state.y);
    window.BenchCompare.draw(document.getElementById("compare"), view.series, pair, function (s) { return knotsOf(s, x); },
      { x: "Interactivity (tok/s/user)", xUnit: "tok/s/user", y: info.id + " (" + info.unit + ")" },
      function (a, b) { state.cmp = [a, b]; render(); });
  }

  // The view as drawn, for the JSON export.
  var shown = null;

  function capNote(view) {
    var out = 0;
    view.series.forEach(function (s) { s.points.forEach(function (p) { if (!meetsCap(p)) out += 1; }); });
    return out + " point" + (out === 1 ? "" : "s") + " over the cap (" + state.cap.stat.replace("ttft-", "") + " TTFT ≤ " + state.cap.max + " s) left out";
  }

  function pointContext(view, id) {
    var found = null;
    view.series.forEach(function (s) { s.points.forEach(function (p) { if (p.id === id) found = { series: s, point: p }; }); });
    return found;
  }

  function openPoint(id) { state.point = id; render(); }

  function closePoint() { state.point = null; render(); }

  // What the charts show: per visible series its points with the current x, y and frontier marks.
  function viewExport() {
    var x = xMetricOf("interactivity");
    return { view: shown.title, y: state.y, x: x, percentile: state.pct, ttftCap: state.cap, series: shown.series.filter(function (s) {
      return state.hide.indexOf(s.id) < 0;
    }).map(function (s) {
      var frontier = frontierOf(s, x, state.y);
      return { label: s.label, hardware: s.hardware, framework: s.framework, run: s.run, points: s.points.filter(meetsCap).map(function (p) {
        return { id: p.id, config: p.config, deployment: p.deployment, conc: p.conc, gpus: p.gpus, x: p.x[x], e2el: p.x[xMetricOf("e2el")],
          y: p.y[state.y], ttft: p.cap, frontier: frontier.indexOf(s.points.indexOf(p)) >= 0, failure: p.failure,
          simulated: p.sim ? p.sim.y[state.y] : null, residual: p.sim ? p.sim.residual : null, anomaly: p.sim ? p.sim.anomaly : false };
      }) };
    }) };
  }

  function render() {
    setupControls();
    writeHash();
    var entry = currentEntry();
    if (!entry) return;
    document.getElementById("runs-shown").value = state.runs;
    document.getElementById("export-csv").setAttribute("href", "views/" + entry.slug + ".csv");
    withView(entry.slug, state.runs === "latest", function (view) {
      document.getElementById("view-title").textContent = view.title;
      drawLegend(view);
      var tpot = state.pct === "p50" ? "median" : state.pct, agentic = isAgentic(entry);
      var count = drawChart(document.getElementById("chart-interactivity"), view, xMetricOf("interactivity"),
        agentic ? AGENTIC_X[state.ax] : "Interactivity (tok/s/user, 1 / " + tpot + " TPOT)");
      drawChart(document.getElementById("chart-e2el"), view, xMetricOf("e2el"),
        agentic ? "p90 time to first token (s)" : (state.pct === "p50" ? "Median" : state.pct) + " end-to-end latency (s)");
      document.getElementById("chart-interactivity-caption").textContent = agentic ? "Throughput vs E2E-normalised interactivity" : "Throughput vs interactivity";
      document.getElementById("chart-e2el-caption").textContent = agentic ? "Throughput vs time to first token" : "Throughput vs end-to-end latency";
      document.body.setAttribute("data-points-drawn", String(count));
      document.getElementById("cap-note").textContent = state.cap ? capNote(view) : "";
      drawTable(view);
      shown = view;
      if (state.point !== null) window.BenchDrill.open(state.point, pointContext(view, state.point), closePoint);
      else window.BenchDrill.close();
      // The history needs every run: loaded after the first view is drawn.
      withView(entry.slug, false, function (all) { drawHistory(all); drawCompare(all); });
    });
  }

  ["model", "seqlen", "precision"].forEach(function (id) {
    document.getElementById(id).addEventListener("change", function () {
      chooseView(document.getElementById("model").value, document.getElementById("seqlen").value, document.getElementById("precision").value);
    });
  });
  document.getElementById("ymetric").addEventListener("change", function (e) { state.y = e.target.value; render(); });
  document.getElementById("runs-shown").addEventListener("change", function (e) { state.runs = e.target.value; render(); });
  document.getElementById("percentile").addEventListener("change", function (e) { state.pct = e.target.value; render(); });
  document.getElementById("show-sim").addEventListener("change", function (e) { state.sim = e.target.checked; render(); });
  document.getElementById("agentic-x").addEventListener("change", function (e) { state.ax = e.target.value; render(); });
  var applyCap = function () {
    var max = Number(document.getElementById("cap-max").value);
    state.cap = max > 0 ? { stat: document.getElementById("cap-stat").value, max: max } : null;
    render();
  };
  document.getElementById("cap-stat").addEventListener("change", applyCap);
  document.getElementById("cap-max").addEventListener("change", applyCap);
  ["chart-interactivity", "chart-e2el"].forEach(function (id) {
    window.BenchExport.buttons(document.getElementById(id + "-export"), function () { return document.querySelector("#" + id + " svg"); },
      function () { return state.view + "-" + id.replace("chart-", "") + "-" + state.y; });
  });
  document.getElementById("export-json").addEventListener("click", function () {
    if (shown) window.BenchExport.json(viewExport(), state.view + "-" + state.y + ".json");
  });
  window.addEventListener("hashchange", function () { state = readHash(); render(); });
  drawRuns();
  render();
})();
