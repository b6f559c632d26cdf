// bench dashboard: draws the charts, selectors, legend, tooltips, history and tables from the
// manifest and per-view data. Every string from the data goes in through textContent or
// setAttribute, never as HTML. The state lives in the URL hash, so every view is a permalink.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"];
  var manifest = JSON.parse(document.getElementById("manifest").textContent);
  window.BENCH_VIEWS = window.BENCH_VIEWS || {};
  var state = readHash();

  // A hand-edited or truncated hash (bad percent escapes, an unknown metric) falls back to the
  // defaults field by field instead of blanking the page.
  function readHash() {
    var out = { view: null, y: "tput-per-gpu", hide: [], runs: "latest" };
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var parts = pair.split("=");
      if (parts.length !== 2) return;
      var value;
      try { value = decodeURIComponent(parts[1]); } catch (e) { return; }
      if (parts[0] === "view") out.view = value;
      if (parts[0] === "y") out.y = value;
      if (parts[0] === "hide") out.hide = value ? value.split(",") : [];
      if (parts[0] === "runs" && (value === "all" || value === "latest")) out.runs = value;
    });
    if (!manifest.yMetrics.some(function (m) { return m.id === out.y; })) out.y = "tput-per-gpu";
    return out;
  }

  function writeHash() {
    var hash = "view=" + encodeURIComponent(state.view) + "&y=" + encodeURIComponent(state.y) + "&runs=" + state.runs +
      (state.hide.length ? "&hide=" + encodeURIComponent(state.hide.join(",")) : "");
    if (location.hash.slice(1) !== hash) history.replaceState(null, "", "#" + hash);
  }

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { if (attributes[key] !== null) node.setAttribute(key, attributes[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function svgEl(tag, attributes) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach(function (key) { if (attributes[key] !== null) node.setAttribute(key, attributes[key]); });
    return node;
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
    fill(document.getElementById("seqlen"), seqlens, entry.isl + "/" + entry.osl);
    fill(document.getElementById("precision"), precisions, entry.precision);
    fill(document.getElementById("ymetric"), manifest.yMetrics.map(function (m) { return m.id; }), state.y, function (id) {
      var m = metricInfo(id);
      return id + " (" + m.unit + ", " + m.better + " is better)";
    });
  }

  function chooseView(model, seqlen, precision) {
    var candidates = manifest.views.filter(function (v) { return v.model === model; });
    var exact = candidates.filter(function (v) { return v.isl + "/" + v.osl === seqlen && v.precision === precision; })[0];
    var sameSeq = candidates.filter(function (v) { return v.isl + "/" + v.osl === seqlen; })[0];
    var chosen = exact || sameSeq || candidates[0];
    if (chosen) { state.view = chosen.slug; state.hide = []; }
    render();
  }

  // The shipped columns become point objects; the derived y metrics use Analysis's YMetric formulas:
  // tok/s per MW = tok/s/GPU × 1000 / kW; $/M tokens = $/GPU-hr / (tok/s/GPU × 3600 / 10^6);
  // J/token = kW × 1000 / tok/s/GPU.
  function prepare(view) {
    if (view.prepared) return view;
    view.series.forEach(function (s) {
      s.points = s.ids.map(function (id, i) {
        var p = { id: id, conc: s.conc[i], gpus: s.gpus[i], deployment: s.dep.names[s.dep.of[i]], config: s.cfg.names[s.cfg.of[i]], x: {}, y: {},
          failure: s.why && s.why.of[i] >= 0 ? s.why.names[s.why.of[i]] : null };
        Object.keys(s.x).forEach(function (m) { if (s.x[m][i] !== null) p.x[m] = s.x[m][i]; });
        Object.keys(s.y).forEach(function (m) { if (s.y[m][i] !== null) p.y[m] = s.y[m][i]; });
        var perGPU = p.y["tput-per-gpu"];
        if (s.kw && perGPU > 0) {
          p.y["tok-per-mw"] = perGPU * 1000 / s.kw;
          p.y["joules-per-token"] = s.kw * 1000 / perGPU;
        }
        if (s.usd && perGPU > 0) {
          ["usd-per-mtok-hyperscaler", "usd-per-mtok-neocloud", "usd-per-mtok-rental-3yr"].forEach(function (m, k) {
            p.y[m] = s.usd[k] / (perGPU * 3600 / 1e6);
          });
        }
        return p;
      });
      s.frontierCache = {};
    });
    view.prepared = true;
    return view;
  }

  // The Pareto frontier of one series on one axis pair, as Analysis.Frontier computes it: sort
  // from best x to worst, keep each point whose y beats all seen so far; indices in increasing x.
  function frontierOf(s, xMetric, yMetric) {
    var key = xMetric + "|" + yMetric;
    if (s.frontierCache[key]) return s.frontierCache[key];
    var xSign = xMetric === "e2el" ? -1 : 1, ySign = metricInfo(yMetric).better === "lower" ? -1 : 1;
    var order = s.points.map(function (p, i) { return i; }).filter(function (i) {
      // Points over the failure rate are never on a frontier.
      return !s.points[i].failure && s.points[i].x[xMetric] !== undefined && s.points[i].y[yMetric] !== undefined;
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

  function logScale(values, from, to) {
    var lo = Math.min.apply(null, values) / 1.25, hi = Math.max.apply(null, values) * 1.25;
    var scale = function (v) { return from + (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) * (to - from); };
    // 1-2-5 steps per decade; every integer step when that gives fewer than three ticks.
    scale.ticks = function () {
      var attempt = function (steps) {
        var ticks = [], decade = Math.pow(10, Math.floor(Math.log10(lo)));
        while (decade <= hi) {
          steps.forEach(function (s) { var t = decade * s; if (t >= lo && t <= hi) ticks.push(t); });
          decade *= 10;
        }
        return ticks;
      };
      var ticks = attempt([1, 2, 5]);
      return ticks.length >= 3 ? ticks : attempt([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    };
    return scale;
  }

  function tickLabel(v) { return v >= 1000 ? (v / 1000) + "k" : v >= 1 ? String(v) : v.toPrecision(2); }

  function format(v) { return v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toPrecision(3); }

  function drawChart(container, view, xMetric, xLabel) {
    var W = 720, H = 420, M = { l: 70, r: 20, t: 20, b: 50 };
    var yMetric = state.y, info = metricInfo(yMetric);
    var visible = view.series.filter(function (s) { return state.hide.indexOf(s.id) < 0; });
    var xs = [], ys = [];
    visible.forEach(function (s) { s.points.forEach(function (p) {
      if (p.x[xMetric] > 0 && p.y[yMetric] > 0) { xs.push(p.x[xMetric]); ys.push(p.y[yMetric]); }
    }); });
    container.textContent = "";
    if (!xs.length) { container.appendChild(el("p", {}, "No visible points with both values.")); return 0; }
    var sx = logScale(xs, M.l, W - M.r), sy = logScale(ys, H - M.b, M.t);
    var svg = svgEl("svg", { "class": "chart", viewBox: "0 0 " + W + " " + H, role: "img",
      "aria-label": info.id + " (" + info.unit + ") against " + xLabel + ", " + view.title });
    sx.ticks().forEach(function (t) {
      svg.appendChild(svgEl("line", { "class": "grid", x1: sx(t), x2: sx(t), y1: M.t, y2: H - M.b }));
      var text = svgEl("text", { "class": "tick", x: sx(t), y: H - M.b + 16, "text-anchor": "middle" });
      text.textContent = tickLabel(t); svg.appendChild(text);
    });
    sy.ticks().forEach(function (t) {
      svg.appendChild(svgEl("line", { "class": "grid", x1: M.l, x2: W - M.r, y1: sy(t), y2: sy(t) }));
      var text = svgEl("text", { "class": "tick", x: M.l - 6, y: sy(t) + 4, "text-anchor": "end" });
      text.textContent = tickLabel(t); svg.appendChild(text);
    });
    var xAxis = svgEl("text", { "class": "axis", x: (M.l + W - M.r) / 2, y: H - 10, "text-anchor": "middle" });
    xAxis.textContent = xLabel; svg.appendChild(xAxis);
    var yAxis = svgEl("text", { "class": "axis", transform: "rotate(-90)", x: -(M.t + H - M.b) / 2, y: 16, "text-anchor": "middle" });
    yAxis.textContent = info.id + " (" + info.unit + (info.better === "lower" ? ", lower is better" : "") + ")"; svg.appendChild(yAxis);
    var drawn = 0;
    view.series.forEach(function (s, index) {
      if (state.hide.indexOf(s.id) >= 0) return;
      var color = PALETTE[index % PALETTE.length];
      var frontier = frontierOf(s, xMetric, yMetric);
      var line = frontier.map(function (i) { return sx(s.points[i].x[xMetric]) + "," + sy(s.points[i].y[yMetric]); }).join(" ");
      svg.appendChild(svgEl("polyline", { "class": "frontier" + (s.simulated ? " simulated" : ""), fill: "none", stroke: color, points: line }));
      s.points.forEach(function (p, i) {
        if (!(p.x[xMetric] > 0 && p.y[yMetric] > 0)) return;
        var onFrontier = frontier.indexOf(i) >= 0;
        var text = s.label + "\n" + p.config + "\n" + p.deployment + ", " + p.gpus + " GPUs, conc " + p.conc + "\n" + xLabel + ": " + format(p.x[xMetric]) +
          "\n" + info.id + ": " + format(p.y[yMetric]) + " " + info.unit + (onFrontier ? "\non the frontier" : "") +
          (p.failure ? "\nfailed: " + p.failure : "") + "\npoint " + p.id;
        // A failed point is hollow: measured, but over the failure rate.
        var dot = svgEl("circle", { cx: sx(p.x[xMetric]), cy: sy(p.y[yMetric]), r: 4.5, fill: p.failure ? "none" : color,
          stroke: p.failure ? color : null, tabindex: "0",
          "class": p.failure ? "failed" : onFrontier ? "frontier-point" : "dominated", "aria-label": text.replace(/\n/g, "; ") });
        dot.addEventListener("mouseenter", function (e) { showTip(text, e.pageX, e.pageY); });
        dot.addEventListener("mouseleave", hideTip);
        dot.addEventListener("focus", function () { var r = dot.getBoundingClientRect(); showTip(text, r.right + window.scrollX, r.bottom + window.scrollY); });
        dot.addEventListener("blur", hideTip);
        svg.appendChild(dot);
        drawn += 1;
      });
    });
    container.appendChild(svg);
    return drawn;
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
    var legend = document.getElementById("legend");
    legend.textContent = "";
    view.series.forEach(function (s, index) {
      var shown = state.hide.indexOf(s.id) < 0;
      var button = el("button", { type: "button", "aria-pressed": shown ? "true" : "false", "data-series": s.id });
      var swatch = el("span", { "class": "swatch", "aria-hidden": "true" });
      swatch.style.background = PALETTE[index % PALETTE.length];
      button.appendChild(swatch);
      button.appendChild(document.createTextNode(s.label + " (" + s.points.length + ")"));
      button.addEventListener("click", function () {
        state.hide = shown ? state.hide.concat([s.id]) : state.hide.filter(function (id) { return id !== s.id; });
        render();
      });
      legend.appendChild(button);
    });
  }

  // Throughput read off each frontier at fixed interactivity: straight lines in log-log space
  // between frontier points, never extrapolated (as bench compare reads them).
  function atInteractivity(series, level) {
    var knots = frontierOf(series, "interactivity", state.y).map(function (i) { return series.points[i]; })
      .filter(function (p) { return p.x.interactivity > 0 && p.y[state.y] > 0; });
    for (var i = 0; i < knots.length; i++) {
      var a = knots[i];
      if (a.x.interactivity === level) return a.y[state.y];
      var b = knots[i + 1];
      if (b && a.x.interactivity < level && level < b.x.interactivity) {
        var t = (Math.log(level) - Math.log(a.x.interactivity)) / (Math.log(b.x.interactivity) - Math.log(a.x.interactivity));
        return Math.exp(Math.log(a.y[state.y]) + t * (Math.log(b.y[state.y]) - Math.log(a.y[state.y])));
      }
    }
    return null;
  }

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

  function drawTable(view) {
    var box = document.getElementById("table");
    box.textContent = "";
    var info = metricInfo(state.y);
    var table = el("table");
    table.appendChild(el("caption", {}, view.title + ": every point (" + info.id + ", " + info.unit + ")"));
    var head = el("tr");
    ["Series", "Config", "Deployment", "GPUs", "Conc", "Interactivity (tok/s/user)", "E2E latency (s)", info.id, "Frontier"]
      .forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    view.series.forEach(function (s) {
      var frontier = frontierOf(s, "interactivity", state.y);
      s.points.forEach(function (p, i) {
        var row = el("tr");
        [s.label, p.config, p.deployment, String(p.gpus), String(p.conc),
          p.x.interactivity ? format(p.x.interactivity) : "—", p.x.e2el ? format(p.x.e2el) : "—",
          p.y[state.y] ? format(p.y[state.y]) : "—", p.failure ? "failed: " + p.failure : frontier.indexOf(i) >= 0 ? "yes" : ""]
          .forEach(function (cell) { row.appendChild(el("td", {}, cell)); });
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

  function render() {
    setupControls();
    writeHash();
    var entry = currentEntry();
    if (!entry) return;
    document.getElementById("runs-shown").value = state.runs;
    withView(entry.slug, state.runs === "latest", function (view) {
      document.getElementById("view-title").textContent = view.title;
      drawLegend(view);
      var count = drawChart(document.getElementById("chart-interactivity"), view, "interactivity", "Interactivity (tok/s/user)");
      drawChart(document.getElementById("chart-e2el"), view, "e2el", "Median end-to-end latency (s)");
      document.body.setAttribute("data-points-drawn", String(count));
      drawTable(view);
      // The history needs every run: loaded after the first view is drawn.
      withView(entry.slug, false, drawHistory);
    });
  }

  ["model", "seqlen", "precision"].forEach(function (id) {
    document.getElementById(id).addEventListener("change", function () {
      chooseView(document.getElementById("model").value, document.getElementById("seqlen").value, document.getElementById("precision").value);
    });
  });
  document.getElementById("ymetric").addEventListener("change", function (e) { state.y = e.target.value; render(); });
  document.getElementById("runs-shown").addEventListener("change", function (e) { state.runs = e.target.value; render(); });
  window.addEventListener("hashchange", function () { state = readHash(); render(); });
  drawRuns();
  render();
})();
