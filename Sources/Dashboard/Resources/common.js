// bench dashboard: helpers the page's scripts share (elements, scales, number text, marker shapes).
// Every string from the data goes in through textContent or setAttribute, never as HTML.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { if (attributes[key] !== null) node.setAttribute(key, attributes[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function svgEl(tag, attributes, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach(function (key) { if (attributes[key] !== null && attributes[key] !== undefined) node.setAttribute(key, attributes[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // 1-2-5 ticks between lo and hi; every integer step when that gives fewer than three.
  function logTicks(lo, hi) {
    var attempt = function (steps) {
      var ticks = [];
      for (var decade = Math.pow(10, Math.floor(Math.log10(lo))); decade <= hi; decade *= 10) {
        steps.forEach(function (s) { var t = decade * s; if (t >= lo && t <= hi) ticks.push(t); });
      }
      return ticks;
    };
    var ticks = attempt([1, 2, 5]);
    return ticks.length >= 3 ? ticks : attempt([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  }

  function logScale(values, from, to) {
    var lo = Math.min.apply(null, values) / 1.25, hi = Math.max.apply(null, values) * 1.25;
    var scale = function (v) { return from + (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) * (to - from); };
    scale.ticks = function () { return logTicks(lo, hi); };
    scale.label = tickLabel;
    return scale;
  }

  // A linear axis from 0 (or the data's low end) to a rounded-up high end, with about five ticks.
  function linearScale(lo, hi, from, to) {
    if (!(hi > lo)) hi = lo + 1;
    var raw = (hi - lo) / 5, magnitude = Math.pow(10, Math.floor(Math.log10(raw))), ratio = raw / magnitude;
    var step = magnitude * (ratio <= 1 ? 1 : ratio <= 2 ? 2 : ratio <= 5 ? 5 : 10);
    var top = Math.ceil(hi / step) * step, bottom = Math.floor(lo / step) * step;
    var scale = function (v) { return from + (v - bottom) / (top - bottom) * (to - from); };
    scale.ticks = function () { var t = []; for (var v = bottom; v <= top + step / 2; v += step) t.push(+v.toPrecision(6)); return t; };
    // As many decimals as the step needs, so close ticks (0.965, 0.970) never read the same.
    scale.label = function (v) { return v >= 1000 && step >= 100 ? tickLabel(v) : v.toFixed(Math.max(0, -Math.floor(Math.log10(step)))); };
    return scale;
  }

  function tickLabel(v) { return v >= 1000 ? (v / 1000) + "k" : v >= 1 || v === 0 ? String(v) : v.toPrecision(2); }

  function format(v) { return v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toPrecision(3); }

  // Marker outlines as polygons around (0, 0) for radius 1; the circle is drawn as a circle.
  var SHAPES = {
    square: [[-0.85, -0.85], [0.85, -0.85], [0.85, 0.85], [-0.85, 0.85]],
    triangle: [[0, -1.15], [1.05, 0.75], [-1.05, 0.75]],
    "triangle-down": [[0, 1.15], [1.05, -0.75], [-1.05, -0.75]],
    diamond: [[0, -1.2], [1, 0], [0, 1.2], [-1, 0]],
    plus: [[-0.35, -1.1], [0.35, -1.1], [0.35, -0.35], [1.1, -0.35], [1.1, 0.35], [0.35, 0.35], [0.35, 1.1], [-0.35, 1.1],
      [-0.35, 0.35], [-1.1, 0.35], [-1.1, -0.35], [-0.35, -0.35]],
    star: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(function (k) {
      var r = k % 2 ? 0.5 : 1.2, a = Math.PI * k / 5 - Math.PI / 2;
      return [r * Math.cos(a), r * Math.sin(a)];
    }),
    hexagon: [0, 1, 2, 3, 4, 5].map(function (k) { var a = Math.PI * k / 3; return [Math.cos(a), Math.sin(a)]; })
  };

  // One point's marker: the series' shape at (x, y), filled or (hollow) outlined in its colour.
  function marker(shape, x, y, r, attributes) {
    var node;
    if (!SHAPES[shape]) {
      node = svgEl("circle", { cx: x, cy: y, r: r });
    } else {
      node = svgEl("polygon", { points: SHAPES[shape].map(function (p) { return (x + p[0] * r).toFixed(1) + "," + (y + p[1] * r).toFixed(1); }).join(" ") });
    }
    node.setAttribute("data-shape", SHAPES[shape] ? shape : "circle");
    Object.keys(attributes || {}).forEach(function (key) { if (attributes[key] !== null) node.setAttribute(key, attributes[key]); });
    return node;
  }

  // An empty chart: the svg with its class, size and label.
  function chart(cls, W, H, label) {
    return svgEl("svg", { "class": cls, viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": label, xmlns: "http://www.w3.org/2000/svg" });
  }

  // Grid lines, tick labels and axis titles on a chart W × H with margins M ({l, r, t, b}).
  function axes(svg, W, H, M, sx, sy, xLabel, yLabel) {
    sx.ticks().forEach(function (t) {
      svg.appendChild(svgEl("line", { "class": "grid", x1: sx(t), x2: sx(t), y1: M.t, y2: H - M.b }));
      svg.appendChild(svgEl("text", { "class": "tick", x: sx(t), y: H - M.b + 16, "text-anchor": "middle" }, sx.label(t)));
    });
    sy.ticks().forEach(function (t) {
      svg.appendChild(svgEl("line", { "class": "grid", x1: M.l, x2: W - M.r, y1: sy(t), y2: sy(t) }));
      svg.appendChild(svgEl("text", { "class": "tick", x: M.l - 6, y: sy(t) + 4, "text-anchor": "end" }, sy.label(t)));
    });
    svg.appendChild(svgEl("text", { "class": "axis", x: (M.l + W - M.r) / 2, y: H - 10, "text-anchor": "middle" }, xLabel));
    svg.appendChild(svgEl("text", { "class": "axis", transform: "rotate(-90)", x: -(M.t + H - M.b) / 2, y: 16, "text-anchor": "middle" }, yLabel));
  }

  // A frontier read between its knots ([x, y] pairs in increasing x, all > 0): straight lines in
  // log-log space, never extrapolated (null outside), as Analysis's FrontierCurve reads it.
  function interpolate(knots, x) {
    for (var i = 0; i < knots.length; i++) {
      var a = knots[i], b = knots[i + 1];
      if (a[0] === x) return a[1];
      if (b && a[0] < x && x < b[0]) {
        var t = (Math.log(x) - Math.log(a[0])) / (Math.log(b[0]) - Math.log(a[0]));
        return Math.exp(Math.log(a[1]) + t * (Math.log(b[1]) - Math.log(a[1])));
      }
    }
    return null;
  }

  window.BenchUI = { el: el, svgEl: svgEl, logScale: logScale, linearScale: linearScale, format: format, marker: marker,
    chart: chart, axes: axes, interpolate: interpolate };
})();
