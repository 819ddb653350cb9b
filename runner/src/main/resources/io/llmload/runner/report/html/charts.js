/*
 * llmload report charts: draws every <figure data-chart="ID"> of the page with uPlot, from the chart data the page
 * embeds as JSON (script#llmload-charts; its shape is the Java record io.llmload.runner.report.chart.Chart).
 * The drawn charts are listed in window.llmload.charts ({id, uplot}) for anyone who wants to look at them.
 */
(function () {
  'use strict';

  // Series take the colors in order; index 10, ink, is asked for by name (the overall curve).
  var PALETTE = ['#2563eb', '#f59e0b', '#dc2626', '#16a34a', '#9333ea', '#0891b2', '#db2777', '#65a30d',
    '#64748b', '#ea580c', '#1f2328'];
  var AUTO_COLORS = 10;
  var STRIP = 22; // px above the plot for stage names and the labels of vertical lines
  var STRIP_ROW = 15; // px of each further row of labels
  var RULE_COLORS = { slo: '#dc2626', alert: '#d97706', capacity: '#16a34a', saturation: '#9333ea' };
  var HEIGHT = 270;
  var PERCENTILE_SPLITS = [2, 4, 10, 20, 100, 1000, 10000]; // 50 75 90 95 99 99.9 99.99 %
  var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

  var drawn = [];
  window.llmload = { charts: drawn };

  /* A percentile p is drawn at 1 / (1 - p): equal room for each "nine" on a log axis. */
  function toPercentileAxis(p) { return 100 / (100 - p); }
  function fromPercentileAxis(x) { return 100 - 100 / x; }

  function trimmed(v, digits) { return String(+v.toFixed(digits)); }

  function percentileLabel(x) {
    if (x == null) { return ''; }
    var p = fromPercentileAxis(x);
    return trimmed(p, p >= 99.9 ? 2 : p >= 99 ? 1 : 0) + '%';
  }

  function number(v) {
    var a = Math.abs(v);
    if (a >= 1000) { return Math.round(v).toLocaleString('en-US'); }
    if (a >= 100) { return v.toFixed(0); }
    if (a >= 10) { return trimmed(v, 1); }
    if (a >= 1) { return trimmed(v, 2); }
    return v === 0 ? '0' : String(+v.toPrecision(2));
  }

  /* A hover value: number and unit; milliseconds from 10 s up in seconds. */
  function withUnit(v, unit) {
    if (v == null || isNaN(v)) { return '\u2013'; }
    if (unit === 'ms' && Math.abs(v) >= 10000) { return trimmed(v / 1000, 1) + ' s'; }
    if (!unit) { return number(v); }
    return number(v) + (unit === '%' ? '%' : ' ' + unit);
  }

  /* Axis ticks: numbers alone (the axis label carries the unit); all in thousands (k) once one reaches 10,000. */
  function ticks(u, splits) {
    var thousands = splits.some(function (v) { return v != null && Math.abs(v) >= 10000; });
    return splits.map(function (v) {
      if (v == null) { return ''; }
      return thousands && v !== 0 ? trimmed(v / 1000, 1) + 'k' : number(v);
    });
  }

  function axisLabel(axis) {
    return axis.unit ? axis.label + ' (' + axis.unit + ')' : axis.label;
  }

  function lastBandEnd(spec) {
    return (spec.bands || []).reduce(function (m, b) { return Math.max(m, b.to); }, 0);
  }

  /* y from 0 to the data, stretched to show rules up to 3x the data (higher ones are flagged at the top). */
  function yRange(spec) {
    var rules = (spec.rules || []).filter(function (r) { return r.axis === 'y'; });
    var markers = spec.markers || [];
    return function (u, min, max) {
      var hi = max == null ? 0 : max;
      markers.forEach(function (m) { hi = Math.max(hi, m.y); });
      var data = hi;
      rules.forEach(function (r) {
        if (data <= 0 || r.value <= data * 3) { hi = Math.max(hi, r.value); }
      });
      if (!(hi > 0)) { hi = 1; }
      return [0, hi * 1.1];
    };
  }

  function xScale(spec) {
    if (spec.x.scale === 'percentile') {
      return { time: false, distr: 3, log: 10, range: function () { return [2, 10000]; } };
    }
    var bandEnd = lastBandEnd(spec);
    var isTime = bandEnd > 0;
    return {
      time: false,
      range: function (u, min, max) {
        var hi = Math.max(max == null ? 0 : max, bandEnd);
        (spec.rules || []).forEach(function (r) { if (r.axis === 'x') { hi = Math.max(hi, r.value); } });
        if (!(hi > 0)) { hi = 1; }
        return [0, isTime ? hi : hi * 1.08];
      }
    };
  }

  function xAxis(spec) {
    var axis = {
      label: axisLabel(spec.x), labelSize: 18, labelFont: '600 12px ' + FONT, font: '11px ' + FONT,
      stroke: '#57606a', grid: { stroke: '#eaeef2', width: 1 }, ticks: { stroke: '#d0d7de', width: 1 }
    };
    if (spec.x.scale === 'percentile') {
      axis.splits = function () { return PERCENTILE_SPLITS; };
      axis.values = function (u, splits) { return splits.map(percentileLabel); };
      axis.filter = function (u, splits) { return splits; }; // uPlot's log axes would keep powers of 10 only
      axis.label = 'percentile (log scale of the tail)';
    } else {
      axis.values = ticks;
    }
    return axis;
  }

  function yAxis(spec) {
    return {
      label: axisLabel(spec.y), labelSize: 18, labelFont: '600 12px ' + FONT, font: '11px ' + FONT, size: 56,
      stroke: '#57606a', grid: { stroke: '#eaeef2', width: 1 }, ticks: { stroke: '#d0d7de', width: 1 },
      values: ticks
    };
  }

  /* Blue (first stage, lowest load in a step test) through violet to red (the last). */
  function sequentialColor(i, n) {
    var hue = (215 + 145 * (n > 1 ? i / (n - 1) : 0)) % 360;
    return 'hsl(' + Math.round(hue) + ', 72%, ' + (i === 0 || i === n - 1 ? 45 : 50) + '%)';
  }

  function seriesOptions(spec) {
    var percentile = spec.x.scale === 'percentile';
    var list = [{
      label: percentile ? 'percentile' : spec.x.label,
      value: function (u, v) {
        if (v == null) { return '\u2013'; }
        return percentile ? 'p' + trimmed(fromPercentileAxis(v), 3) : withUnit(v, spec.x.unit);
      }
    }];
    var scaled = spec.series.filter(function (s) { return s.color == null; }).length;
    var scaledIndex = 0;
    spec.series.forEach(function (s, i) {
      var color = s.color != null ? PALETTE[s.color % PALETTE.length]
        : spec.sequential ? sequentialColor(scaledIndex++, scaled) : PALETTE[i % AUTO_COLORS];
      var option = {
        label: s.label, stroke: color, width: 2, spanGaps: false,
        value: function (u, v) { return withUnit(v, spec.y.unit); },
        points: { size: 6, fill: color }
      };
      if (s.style === 'dashed') { option.dash = [7, 4]; }
      if (s.style === 'points') { option.points = { show: true, size: 8, fill: color, stroke: color }; }
      list.push(option);
    });
    return list;
  }

  function font(px, weight) {
    return (weight || '') + ' ' + Math.round(px * uPlot.pxRatio) + 'px ' + FONT;
  }

  /* Labels in the strip above the plot (in rows), each where it overlaps none placed before. */
  function TopStrip(u, rows) {
    var used = [];
    for (var row = 0; row < rows; row++) { used.push([]); }
    var r = uPlot.pxRatio, box = u.bbox;
    /* Right of x, else (unless rightOnly) left of it, not past maxRight; false when no place is free. */
    this.place = function (ctx, text, x, color, weight, rightOnly, maxRight) {
      ctx.font = font(11, weight);
      var w = ctx.measureText(text).width, pad = 4 * r;
      var candidates = rightOnly ? [x + pad] : [x + pad, x - pad - w];
      for (var row = 0; row < rows; row++) {
        for (var i = 0; i < candidates.length; i++) {
          var left = candidates[i], right = left + w;
          var fits = left >= box.left && right <= Math.min(maxRight || Infinity, box.left + box.width + 14 * r);
          var free = used[row].every(function (seg) { return right + pad < seg[0] || left > seg[1] + pad; });
          if (fits && free) {
            used[row].push([left, right]);
            ctx.fillStyle = color;
            ctx.textBaseline = 'bottom';
            ctx.fillText(text, left, box.top - (5 + STRIP_ROW * (rows - 1 - row)) * r);
            return true;
          }
        }
      }
      return false;
    };
  }

  /* Two label rows when several vertical lines (capacity and saturation, of one run or two) need names. */
  function stripRows(spec) {
    return (spec.rules || []).filter(function (rule) { return rule.axis === 'x'; }).length > 1 ? 2 : 1;
  }

  /* Stages as shaded columns with their names above the plot; warmup grey. Drawn under the series. */
  function drawBands(u, spec) {
    var bands = spec.bands || [];
    if (!bands.length) { return; }
    var ctx = u.ctx, box = u.bbox, r = uPlot.pxRatio;
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.left, box.top, box.width, box.height);
    ctx.clip();
    var measured = 0;
    bands.forEach(function (b) {
      var x0 = u.valToPos(b.from, 'x', true), x1 = u.valToPos(b.to, 'x', true);
      if (b.warmup) {
        ctx.fillStyle = 'rgba(100, 116, 139, 0.18)';
      } else {
        ctx.fillStyle = measured++ % 2 ? 'rgba(37, 99, 235, 0.06)' : 'rgba(37, 99, 235, 0.015)';
      }
      ctx.fillRect(x0, box.top, x1 - x0, box.height);
      ctx.strokeStyle = 'rgba(87, 96, 106, 0.35)';
      ctx.lineWidth = r;
      ctx.beginPath();
      ctx.moveTo(Math.round(x0) + 0.5, box.top);
      ctx.lineTo(Math.round(x0) + 0.5, box.top + box.height);
      ctx.stroke();
    });
    ctx.restore();
    // Each stage's name starts at the stage; one wider than its stage runs on while the strip is free, else it is
    // left out. Warmup's name only where it fits inside warmup, after the others.
    bands.forEach(function (b) {
      if (!b.warmup) { u.strip.place(ctx, b.label, u.valToPos(b.from, 'x', true), '#3b4a5c', '600', true); }
    });
    bands.forEach(function (b) {
      if (b.warmup) {
        var x0 = u.valToPos(b.from, 'x', true), x1 = u.valToPos(b.to, 'x', true);
        if (!u.strip.place(ctx, 'warmup (excluded)', x0, '#59636e', 'italic', true, x1)) {
          u.strip.place(ctx, 'warmup', x0, '#59636e', 'italic', true, x1);
        }
      }
    });
  }

  function labelAt(ctx, text, x, y, color, alignRight) {
    var r = uPlot.pxRatio;
    ctx.font = font(11, '600');
    var w = ctx.measureText(text).width;
    var left = alignRight ? x - w - 6 * r : x + 4 * r;
    ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
    ctx.fillRect(left - 2 * r, y - 13 * r, w + 4 * r, 14 * r);
    ctx.fillStyle = color;
    ctx.textBaseline = 'bottom';
    ctx.fillText(text, left, y);
  }

  /* SLO targets, alert thresholds, capacity and saturation as dashed lines with their labels; markers on top. */
  function drawRules(u, spec) {
    var ctx = u.ctx, box = u.bbox, r = uPlot.pxRatio;
    var right = box.left + box.width, bottom = box.top + box.height;
    var above = [];
    ctx.save();
    ctx.setLineDash([6 * r, 4 * r]);
    ctx.lineWidth = 1.5 * r;
    (spec.rules || []).forEach(function (rule) {
      var color = RULE_COLORS[rule.kind] || '#57606a';
      ctx.strokeStyle = color;
      if (rule.axis === 'y') {
        var y = u.valToPos(rule.value, 'y', true);
        if (y < box.top) { above.push(rule); return; }
        ctx.beginPath();
        ctx.moveTo(box.left, y);
        ctx.lineTo(right, y);
        ctx.stroke();
        // Above the line, or under it when the line runs along the top.
        labelAt(ctx, rule.label, right, y - 2 * r < box.top + 14 * r ? y + 15 * r : y - 2 * r, color, true);
      } else {
        var x = u.valToPos(rule.value, 'x', true);
        if (x < box.left || x > right) { return; }
        ctx.beginPath();
        ctx.moveTo(x, box.top - 4 * r);
        ctx.lineTo(x, bottom);
        ctx.stroke();
        u.strip.place(ctx, rule.label, x, color, '600');
      }
    });
    ctx.setLineDash([]);
    above.forEach(function (rule, i) {
      labelAt(ctx, '\u25B2 ' + rule.label + ' (above the chart)', right, box.top + (14 + 14 * i) * r,
        RULE_COLORS[rule.kind] || '#57606a', true);
    });
    (spec.markers || []).forEach(function (m) {
      var x = u.valToPos(m.x, 'x', true), y = u.valToPos(m.y, 'y', true);
      ctx.beginPath();
      ctx.arc(x, y, 7 * r, 0, 2 * Math.PI);
      ctx.lineWidth = 2.5 * r;
      ctx.strokeStyle = RULE_COLORS.capacity;
      ctx.stroke();
      labelAt(ctx, m.label, x, y - 9 * r, RULE_COLORS.capacity, x > box.left + box.width * 0.6);
    });
    ctx.restore();
  }

  function render(figure, spec) {
    var plot = figure.querySelector('.plot');
    var percentile = spec.x.scale === 'percentile';
    var tables = spec.series.map(function (s) {
      return [percentile ? s.x.map(toPercentileAxis) : s.x, s.y];
    });
    var data = uPlot.join(tables);
    var options = {
      width: Math.max(320, plot.clientWidth),
      height: HEIGHT,
      scales: { x: xScale(spec), y: { range: yRange(spec) } },
      axes: [xAxis(spec), yAxis(spec)],
      series: seriesOptions(spec),
      legend: { live: true },
      padding: [STRIP + STRIP_ROW * (stripRows(spec) - 1), 26, 0, 0], // right: room for the last x label
      cursor: { drag: { x: true, y: false }, points: { size: 7 } },
      hooks: {
        drawClear: [function (u) { u.strip = new TopStrip(u, stripRows(spec)); drawBands(u, spec); }],
        draw: [function (u) { drawRules(u, spec); }]
      }
    };
    return new uPlot(options, data, plot);
  }

  var specs = JSON.parse(document.getElementById('llmload-charts').textContent);
  document.querySelectorAll('figure[data-chart]').forEach(function (figure) {
    var id = figure.getAttribute('data-chart');
    try {
      if (!specs[id]) { throw new Error('no data for this chart'); }
      drawn.push({ id: id, uplot: render(figure, specs[id]) });
    } catch (e) {
      figure.querySelector('.plot').textContent = 'This chart could not be drawn: ' + e.message;
      console.error('llmload chart ' + id + ': ' + e);
    }
  });

  window.addEventListener('resize', function () {
    drawn.forEach(function (c) {
      var width = Math.max(320, c.uplot.root.parentNode.clientWidth);
      if (width !== c.uplot.width) { c.uplot.setSize({ width: width, height: HEIGHT }); }
    });
  });
}());
