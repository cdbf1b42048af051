/* Charts of the jixiao pages (Chart.js from the npm package, served locally). Data comes from
   <script type="application/json"> blocks written by Django's json_script. */
(function () {
  if (typeof Chart === "undefined") return;
  function data(id) { var el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; }
  var budget = data("budget-data"), canvas = document.getElementById("budget-chart");
  if (budget && canvas) {
    // Figures come formatted by the server (forms.numbers: 1,767.72 万元); the axis names its unit.
    new Chart(canvas, { type: "bar", data: { labels: budget.labels, datasets: [{ label: "预算构成（" + budget.unit + "）", data: budget.values,
      backgroundColor: ["#991b1b", "#b45309", "#1d4ed8", "#15803d"] }] },
      options: { indexAxis: "y", locale: "zh-CN", maintainAspectRatio: false, animation: false,
        scales: { x: { title: { display: true, text: "金额（" + budget.unit + "）" } } },
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (item) { return budget.display[item.dataIndex]; } } } } } });
  }
  // The charts below: percentages and points drawn as numbers; each tooltip is the line the server wrote
  // (forms.numbers: "预算执行率：52.16%（执行数 2,650.30 万元）"), and the value axis names its unit.
  function said(d) { return { callbacks: { label: function (item) { return d.tips[item.datasetIndex][item.dataIndex]; } } }; }
  function titled(text, more) { var axis = { title: { display: true, text: text } }; for (var k in more || {}) axis[k] = more[k]; return axis; }
  var exec = data("execution-data"), ecanvas = document.getElementById("execution-chart");
  if (exec && ecanvas) {
    new Chart(ecanvas, { type: "bar", data: { labels: exec.labels, datasets: [
      { label: "预算执行率（%）", data: exec.execution, backgroundColor: "#991b1b" },
      { label: "时间进度（%）", data: exec.time, backgroundColor: "#9ca3af" }] },
      options: { locale: "zh-CN", maintainAspectRatio: false, animation: false, scales: { y: titled("进度（%）", { min: 0, max: 100 }) },
        plugins: { tooltip: said(exec) } } });
  }
  var done = data("completion-data"), dcanvas = document.getElementById("completion-chart");
  if (done && dcanvas) {
    new Chart(dcanvas, { type: "bar", data: { labels: done.labels, datasets: [
      { label: "已完成（%）", data: done.completion, backgroundColor: "#991b1b" },
      { label: "应有进度（%）", data: done.expected, backgroundColor: "#d1d5db" }] },
      options: { indexAxis: "y", locale: "zh-CN", maintainAspectRatio: false, animation: false, scales: { x: titled("完成进度（%）") },
        plugins: { tooltip: said(done) } } });
  }
  var scores = data("score-data"), scanvas = document.getElementById("score-chart");
  if (scores && scanvas) {
    new Chart(scanvas, { type: "bar", data: { labels: scores.labels, datasets: [
      { label: "分值（分）", data: scores.weight, backgroundColor: "#d1d5db" },
      { label: "得分（分）", data: scores.score, backgroundColor: "#991b1b" }] },
      options: { locale: "zh-CN", maintainAspectRatio: false, animation: false, scales: { y: titled("分") },
        plugins: { tooltip: said(scores) } } });
  }
})();
