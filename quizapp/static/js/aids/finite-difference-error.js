// Finite-difference error: forward and central errors against h on log-log axes, with the
// leading-term guides dashed and the fitted slopes listed below. uPlot gets log10 of every
// number on linear scales (its own log scale loops over 17 decades) and labels the ticks
// as powers of ten.
import { fmt, followWidth, initAid, plotWidth, strings } from "./common.js";

const holder = document.getElementById("aid-plot");
const facts = document.getElementById("aid-facts");
const caption = document.getElementById("aid-caption");
let chart = null;
const log10 = (values) => values.map((v) => (v === null || v <= 0 ? null : Math.log10(v)));
const power = (_u, exponent) => (exponent === null ? "–" : fmt(10 ** exponent));
const powers = (_u, splits) => splits.map((k) => (k === 0 ? "1" : `1e${k}`));

function makeChart(series) {
  const guide = (label, stroke) => ({ label, stroke, width: 1, dash: [4, 4], value: power });
  return new window.uPlot(
    {
      width: plotWidth(holder),
      height: 400,
      scales: { x: { time: false } },
      axes: [
        { label: strings.h, incrs: [1, 2, 3, 4, 5, 10], values: powers },
        { label: strings.abs_error, size: 70, incrs: [1, 2, 3, 4, 5, 10], values: powers },
      ],
      series: [
        { label: strings.h, value: power },
        { label: strings.forward, stroke: "#1f5fa8", width: 2, value: power },
        { label: strings.central, stroke: "#c2410c", width: 2, value: power },
        guide(strings.order1, "#6b8fc7"),
        guide(strings.order2, "#e39a6b"),
        guide(strings.rounding, "#555"),
      ],
    },
    series,
    holder,
  );
}

function fact(term, value) {
  const dt = document.createElement("dt");
  const dd = document.createElement("dd");
  dt.textContent = term;
  dd.textContent = value;
  facts.append(dt, dd);
}

function draw(data) {
  if (!window.uPlot) return;
  const none = data.h.map(() => null);
  const g = data.guides;
  const series = [data.h, data.forward, data.central, g.order1 ?? none, g.order2 ?? none, g.rounding ?? none].map(
    log10,
  );
  if (chart) chart.setData(series);
  else chart = makeChart(series);
  facts.replaceChildren();
  fact(strings.slope_forward, data.slopes.forward?.toFixed(3) ?? "–");
  fact(strings.slope_central, data.slopes.central?.toFixed(3) ?? "–");
  fact(strings.best_forward, `h = ${fmt(data.best.forward.h)}, ${fmt(data.best.forward.error)}`);
  fact(strings.best_central, `h = ${fmt(data.best.central.h)}, ${fmt(data.best.central.error)}`);
  caption.textContent = `f′(${fmt(data.x0)}) = ${fmt(data.derivative, 6)}`;
}

followWidth(holder, () => chart);
initAid(draw);
