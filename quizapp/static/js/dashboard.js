// Dashboard charts (Chart.js from /static/vendor): the numbers come from the page's
// <script type="application/json" id="dashboard-data"> block, the labels from
// #chart-labels; the tables under each chart hold the same numbers without JavaScript.

const data = JSON.parse(document.getElementById("dashboard-data")?.textContent || "null");
const labels = document.getElementById("chart-labels")?.dataset ?? {};
const percent = (value) => (value === null ? 0 : Math.round(1000 * value) / 10);

function draw(id, config) {
  const canvas = document.getElementById(id);
  if (!canvas || !window.Chart) return;
  const options = { animation: false, responsive: true, maintainAspectRatio: false, ...config.options };
  new window.Chart(canvas, { ...config, options });
  canvas.dataset.drawn = "1";
}

if (data) {
  draw("chart-mastery", {
    type: "bar",
    data: {
      labels: data.topics.map((t) => t.name),
      datasets: [
        { label: labels.mastery, data: data.topics.map((t) => percent(t.mastery)) },
        { label: labels.accuracy, data: data.topics.map((t) => percent(t.accuracy)) },
      ],
    },
    options: { indexAxis: "y", scales: { x: { min: 0, max: 100 } } },
  });
  draw("chart-forecast", {
    type: "bar",
    data: {
      labels: data.forecast.map((d) => d.day.slice(5)),
      datasets: [{ label: labels.due, data: data.forecast.map((d) => d.due) }],
    },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  draw("chart-activity", {
    type: "bar",
    data: {
      labels: data.activity.map((d) => d.day.slice(5)),
      datasets: [
        { label: labels.attempts, data: data.activity.map((d) => d.attempts) },
        { label: labels.correct, data: data.activity.map((d) => d.correct) },
        {
          type: "line",
          label: labels.accuracy,
          yAxisID: "y1",
          spanGaps: true,
          data: data.activity.map((d) => (d.attempts ? percent(d.correct / d.attempts) : null)),
        },
      ],
    },
    options: {
      scales: {
        y: { beginAtZero: true, ticks: { precision: 0 } },
        y1: { position: "right", min: 0, max: 100, grid: { drawOnChartArea: false } },
      },
    },
  });
  draw("chart-exams", {
    type: "line",
    data: {
      labels: data.exams.map((e) => e.started),
      datasets: [{ label: labels.exam, data: data.exams.map((e) => percent(e.percent)) }],
    },
    options: { scales: { y: { min: 0, max: 100 } } },
  });
}
