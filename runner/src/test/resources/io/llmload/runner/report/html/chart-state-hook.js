/*
 * Test-only page hook (BrowserRenderTest injects it; the product pages do not carry it): once the page has drawn,
 * writes what every uPlot chart holds and drew into <pre id="llmload-test-state"> as JSON, for --dump-dom.
 */
window.addEventListener('load', function () {
  setTimeout(function () {
    var probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    function rgb(color) { // any CSS color, as the canvas paints it
      probe.clearRect(0, 0, 1, 1);
      probe.fillStyle = color;
      probe.fillRect(0, 0, 1, 1);
      var d = probe.getImageData(0, 0, 1, 1).data;
      return [d[0], d[1], d[2]];
    }
    var charts = ((window.llmload && window.llmload.charts) || []).map(function (c) {
      var u = c.uplot;
      var series = u.series.slice(1).map(function (s, i) {
        var ys = u.data[i + 1] || [];
        return {
          label: s.label,
          points: ys.filter(function (v) { return v != null; }).length,
          // uPlot keeps the path it stroked for each drawn series.
          stroked: s._paths != null && s._paths.stroke != null,
          stroke: typeof s.stroke === 'function' ? s.stroke(u, i + 1) : s.stroke
        };
      });
      var colors = series.map(function (s) { return rgb(s.stroke); });
      var b = u.bbox, img = u.ctx.getImageData(b.left, b.top, b.width, b.height).data, ink = 0;
      for (var p = 0; p < img.length; p += 4) {
        for (var k = 0; k < colors.length; k++) {
          var col = colors[k];
          if (img[p + 3] > 200 && Math.abs(img[p] - col[0]) < 24 && Math.abs(img[p + 1] - col[1]) < 24
              && Math.abs(img[p + 2] - col[2]) < 24) { ink++; break; }
        }
      }
      return { id: c.id, width: u.width, height: u.height, yMin: u.scales.y.min, yMax: u.scales.y.max,
        xMin: u.scales.x.min, xMax: u.scales.x.max, series: series, seriesPixels: ink };
    });
    var state = { figures: document.querySelectorAll('figure[data-chart]').length,
      canvases: document.querySelectorAll('figure[data-chart] canvas').length, charts: charts };
    var pre = document.createElement('pre');
    pre.id = 'llmload-test-state';
    pre.textContent = JSON.stringify(state);
    document.body.appendChild(pre);
  }, 250);
});
