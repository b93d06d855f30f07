// Draws the 调标 preview's charts from the JSON the server put in the page: the monthly budget delta per
// township, and per township how many households rise, fall or stay.
(function () {
  var el = document.getElementById('chart-data');
  if (!el) return;
  var data = JSON.parse(el.textContent);
  var font = { fontFamily: 'Noto Sans CJK SC, Microsoft YaHei, sans-serif' };
  var grid = { left: 70, right: 10, top: 40, bottom: 40 };
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
  echarts.init(delta).setOption({
    textStyle: font,
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: grid,
    xAxis: { type: 'category', data: data.townships },
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
  echarts.init(households).setOption({
    textStyle: font,
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: grid,
    xAxis: { type: 'category', data: data.townships },
    yAxis: { type: 'value', minInterval: 1, name: '户' },
    series: [
      { name: '提高', type: 'bar', stack: 'n', data: data.rising, itemStyle: { color: '#2e7d32' } },
      { name: '降低', type: 'bar', stack: 'n', data: data.falling, itemStyle: { color: '#c62828' } },
      { name: '不变', type: 'bar', stack: 'n', data: data.same, itemStyle: { color: '#9e9e9e' } },
    ],
  });
})();
