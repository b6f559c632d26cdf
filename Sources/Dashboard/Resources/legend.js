// bench dashboard: the legend, grouped by GPU (one colour each): a toggle for the whole group,
// then one per series, each with a swatch of its colour, marker shape and dash.
(function () {
  "use strict";
  var ui = window.BenchUI, el = ui.el, svgEl = ui.svgEl;

  function swatch(style) {
    var svg = svgEl("svg", { "class": "swatch", viewBox: "0 0 28 14", width: 28, height: 14, "aria-hidden": "true" });
    svg.appendChild(svgEl("line", { x1: 1, x2: 27, y1: 7, y2: 7, stroke: style.color, "stroke-width": 2, "stroke-dasharray": style.dash || null }));
    svg.appendChild(ui.marker(style.shape, 14, 7, 4.5, { fill: style.color }));
    return svg;
  }

  // `hidden`: the ids of hidden series; `toggle(hidden)` is called with the new list.
  function draw(box, series, hidden, toggle) {
    box.textContent = "";
    var gpus = series.map(function (s) { return s.hardware; }).filter(function (gpu, i, all) { return all.indexOf(gpu) === i; });
    gpus.forEach(function (gpu) {
      var members = series.filter(function (s) { return s.hardware === gpu; });
      var ids = members.map(function (s) { return s.id; });
      var anyShown = ids.some(function (id) { return hidden.indexOf(id) < 0; });
      var group = el("div", { "class": "legend-group", role: "group", "aria-label": gpu.toUpperCase() });
      var all = el("button", { type: "button", "class": "group-toggle", "aria-pressed": anyShown ? "true" : "false", "data-group": gpu },
        gpu.toUpperCase() + " (" + members[0].style.vendor + ")");
      all.style.borderColor = members[0].style.color;
      all.addEventListener("click", function () {
        toggle(hidden.filter(function (id) { return ids.indexOf(id) < 0; }).concat(anyShown ? ids : []));
      });
      group.appendChild(all);
      members.forEach(function (s) {
        var shown = hidden.indexOf(s.id) < 0;
        var button = el("button", { type: "button", "aria-pressed": shown ? "true" : "false", "data-series": s.id,
          "data-style": s.style.color + "|" + s.style.shape + "|" + s.style.dash });
        button.appendChild(swatch(s.style));
        button.appendChild(document.createTextNode(s.label + " (" + s.points.length + ")"));
        button.addEventListener("click", function () {
          toggle(shown ? hidden.concat([s.id]) : hidden.filter(function (id) { return id !== s.id; }));
        });
        group.appendChild(button);
      });
      box.appendChild(group);
    });
  }

  window.BenchLegend = { draw: draw };
})();
