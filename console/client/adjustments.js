// Draws the 调标 preview's charts from the JSON the server put in the page: the monthly budget delta per
// township, and per township how many households rise, fall or stay.
(function () {
  var el = document.getElementById('chart-data');
  if (!el) return;
  var data = JSON.parse(el.textContent);
  var font = { fontFamily: 'Noto Sans CJK SC, Microsoft YaHei, sans-serif' };
  var grid = { left: 8, right: 12, top: 44, bottom: 8, containLabel: true };
  // The households chart names its axis below its legend.
  var belowLegend = { left: 8, right: 12, top: 68, bottom: 8, containLabel: true };
  var charts = [];
  function empty(node) {
    node.textContent = '辖区内暂无在保案件';
  }
  var delta = document.getElementById('chart-delta');
  var households = document.getElementById('chart-households');
  if (!data.townships.length) {
    empty(delta);
    empty(households);
    return;
  }
  var d = echarts.init(delta);
  charts.push(d);
  d.setOption({
    textStyle: font,
    animation: false,
    tooltip: { trigger: 'axis', confine: true },
    grid: grid,
    xAxis: { type: 'category', data: data.townships, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: '元/月' },
    series: [
      {
        name: '每月增减（元）',
        type: 'bar',
        data: data.deltaYuan.map(function (v) {
          return { value: v, itemStyle: { color: v < 0 ? '#c62828' : '#2e7d32' } };
        }),
        label: { show: true, position: 'top' },
      },
    ],
  });
  var h = echarts.init(households);
  charts.push(h);
  h.setOption({
    textStyle: font,
    animation: false,
    tooltip: { trigger: 'axis', confine: true },
    legend: { type: 'scroll', top: 0, left: 0, right: 0 },
    grid: belowLegend,
    xAxis: { type: 'category', data: data.townships, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1, name: '户' },
    series: [
      { name: '提高', type: 'bar', stack: 'n', data: data.rising, itemStyle: { color: '#2e7d32' } },
      { name: '降低', type: 'bar', stack: 'n', data: data.falling, itemStyle: { color: '#c62828' } },
      { name: '不变', type: 'bar', stack: 'n', data: data.same, itemStyle: { color: '#9e9e9e' } },
    ],
  });
  // The charts follow their boxes when the window (a phone turned, a print preview) changes size.
  function resize() {
    charts.forEach(function (c) {
      c.resize();
    });
  }
  window.addEventListener('resize', resize);
  window.addEventListener('beforeprint', resize);
})();
