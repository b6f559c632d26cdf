// bench dashboard: downloads of what is on screen, made in the browser: a chart as SVG (its
// computed styles written onto the copy, so it looks the same outside the page), the same chart
// as PNG (the SVG drawn onto a canvas at twice its size), the view as JSON.
(function () {
  "use strict";
  var el = window.BenchUI.el;
  var STYLED = ["fill", "stroke", "stroke-width", "stroke-dasharray", "opacity", "font-size", "font-family", "font-weight"];

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var link = el("a", { href: url, download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  // A standalone copy of a chart: every element's computed style inlined, a white background.
  function standalone(svg) {
    var copy = svg.cloneNode(true), originals = svg.querySelectorAll("*"), copies = copy.querySelectorAll("*");
    for (var i = 0; i < originals.length; i++) {
      var computed = getComputedStyle(originals[i]);
      STYLED.forEach(function (name) { copies[i].style.setProperty(name, computed.getPropertyValue(name)); });
      copies[i].removeAttribute("tabindex");
    }
    var box = svg.viewBox.baseVal;
    copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
    copy.setAttribute("width", box.width);
    copy.setAttribute("height", box.height);
    copy.style.background = "#fff";
    return { text: new XMLSerializer().serializeToString(copy), width: box.width, height: box.height };
  }

  function svgFile(svg, name) {
    save(new Blob([standalone(svg).text], { type: "image/svg+xml" }), name + ".svg");
  }

  function pngFile(svg, name) {
    var doc = standalone(svg), image = new Image(), scale = 2;
    image.onload = function () {
      var canvas = el("canvas", { width: doc.width * scale, height: doc.height * scale }), context = canvas.getContext("2d");
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) { save(blob, name + ".png"); }, "image/png");
    };
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(doc.text);
  }

  // SVG and PNG buttons for one chart: `chart()` finds its current SVG, `name()` the file's stem.
  function buttons(box, chart, name) {
    [["SVG", svgFile], ["PNG", pngFile]].forEach(function (entry) {
      var button = el("button", { type: "button", "class": "download", "data-format": entry[0].toLowerCase() }, entry[0]);
      button.addEventListener("click", function () { var svg = chart(); if (svg) entry[1](svg, name()); });
      box.appendChild(button);
    });
  }

  // A figure with its caption, SVG and PNG buttons, and the chart (or what stands for it).
  function figure(parent, caption, chart, name) {
    var fig = el("figure"), cap = el("figcaption", {}, caption + " "), box = el("span", { "class": "export" });
    if (chart instanceof SVGElement) buttons(box, function () { return chart; }, function () { return name; });
    cap.appendChild(box);
    fig.appendChild(cap);
    fig.appendChild(chart);
    parent.appendChild(fig);
  }

  function json(value, name) {
    save(new Blob([JSON.stringify(value, null, 1)], { type: "application/json" }), name);
  }

  window.BenchExport = { buttons: buttons, figure: figure, json: json };
})();
