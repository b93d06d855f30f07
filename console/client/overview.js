// Draws the overview's charts from the JSON the server put in the page; a bar click opens the list behind it.
// Legends scroll on one line above a grid that makes room for them and for the axis labels, and the charts
// follow their boxes when the window (a phone turned, a print preview) changes size.
(function () {
  var data = JSON.parse(document.getElementById('chart-data').textContent);
  var font = { fontFamily: 'Noto Sans CJK SC, Microsoft YaHei, sans-serif' };
  var colors = { on_time: '#2e7d32', warning: '#e08a00', breached: '#c62828' };
  var charts = [];
  var legend = { type: 'scroll', top: 0, left: 0, right: 0 };
  var grid = { left: 8, right: 12, top: 44, bottom: 8, containLabel: true };
  function axis(labels) {
    return { type: 'category', data: labels, axisLabel: { hideOverlap: true } };
  }
  function bars(el, series, link) {
    if (!data.townships.length) {
      el.textContent = '辖区内暂无在办案件';
      return;
    }
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({
      textStyle: font,
      animation: false,
      tooltip: { trigger: 'axis', confine: true },
      legend: legend,
      grid: grid,
      xAxis: axis(data.townships),
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map(function (s) {
        return {
          name: s.name,
          code: s.code,
          type: 'bar',
          stack: 'n',
          data: s.values,
          itemStyle: colors[s.code] ? { color: colors[s.code] } : undefined,
        };
      }),
    });
    chart.on('click', function (p) {
      location.href =
        '/console/cases?open=1&township=' + encodeURIComponent(p.name) + '&' + link + '=' + encodeURIComponent(series[p.seriesIndex].code);
    });
    charts.push(chart);
  }
  bars(document.getElementById('chart-sla'), data.sla, 'sla');
  bars(document.getElementById('chart-stage'), data.stages, 'stage');
  var w = echarts.init(document.getElementById('chart-weeks'));
  w.setOption({
    textStyle: font,
    animation: false,
    tooltip: { trigger: 'axis', confine: true },
    legend: legend,
    grid: grid,
    xAxis: axis(
      data.weeks.map(function (d) {
        return d.slice(5);
      }),
    ),
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '预警', type: 'line', data: data.warnings, itemStyle: { color: colors.warning } },
      { name: '超期', type: 'line', data: data.breaches, itemStyle: { color: colors.breached } },
    ],
  });
  charts.push(w);
  function resize() {
    charts.forEach(function (c) {
      c.resize();
    });
  }
  window.addEventListener('resize', resize);
  window.addEventListener('beforeprint', resize);
})();
