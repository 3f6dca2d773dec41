// Activation explorer: f and f' on one uPlot chart; the α/β sliders show only for the
// functions that take them.
import { figure, fmt, followWidth, initAid, plotWidth, showFieldsFor, strings } from "./common.js";

const holder = document.getElementById("aid-plot");
const caption = document.getElementById("aid-caption");
const PARAMETER_OWNERS = { alpha: ["leaky_relu", "elu"], beta: ["swish"] };
let chart = null;

function makeChart(series) {
  return new window.uPlot(
    {
      width: plotWidth(holder),
      height: 380,
      scales: { x: { time: false } },
      axes: [{ label: strings.x }, {}],
      series: [
        { label: strings.x },
        { label: strings.f, stroke: "#1f5fa8", width: 2 },
        { label: strings.df, stroke: "#c2410c", width: 2, dash: [6, 4] },
      ],
    },
    series,
    holder,
  );
}

function draw(data) {
  if (!window.uPlot) return;
  const series = [data.x, data.f, data.df];
  if (chart) chart.setData(series);
  else chart = makeChart(series);
  const kinks = data.kinks.length ? ` · ${strings.kink} ${data.kinks.join(", ")}` : "";
  caption.textContent = `${strings.max_slope} ${fmt(data.max_abs_df)}${kinks}`;
  figure.dataset.maxSlope = String(data.max_abs_df);
}

followWidth(holder, () => chart);
initAid(draw, () => showFieldsFor("function", PARAMETER_OWNERS));
