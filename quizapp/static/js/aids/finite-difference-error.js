// Finite-difference error: forward and central errors against h on log-log axes (uPlot,
// distr 3), with the leading-term guides dashed, and the fitted slopes listed below.
import { fmt, initAid, plotWidth, strings } from "./common.js";

const holder = document.getElementById("aid-plot");
const facts = document.getElementById("aid-facts");
const caption = document.getElementById("aid-caption");
let chart = null;

function makeChart() {
  const guide = (label, stroke) => ({ label, stroke, width: 1, dash: [4, 4] });
  return new window.uPlot(
    {
      width: plotWidth(holder),
      height: 400,
      scales: { x: { time: false, distr: 3 }, y: { distr: 3 } },
      axes: [{ label: strings.h }, { label: strings.abs_error, size: 70 }],
      series: [
        { label: strings.h, value: (_u, v) => fmt(v) },
        { label: strings.forward, stroke: "#1f5fa8", width: 2, value: (_u, v) => fmt(v) },
        { label: strings.central, stroke: "#c2410c", width: 2, value: (_u, v) => fmt(v) },
        guide(strings.order1, "#6b8fc7"),
        guide(strings.order2, "#e39a6b"),
        guide(strings.rounding, "#555"),
      ],
    },
    [[], [], [], [], [], []],
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
  chart ??= makeChart();
  const none = data.h.map(() => null);
  const g = data.guides;
  chart.setData([data.h, data.forward, data.central, g.order1 ?? none, g.order2 ?? none, g.rounding ?? none]);
  facts.replaceChildren();
  fact(strings.slope_forward, fmt(data.slopes.forward));
  fact(strings.slope_central, fmt(data.slopes.central));
  fact(strings.best_forward, `h = ${fmt(data.best.forward.h)}, ${fmt(data.best.forward.error)}`);
  fact(strings.best_central, `h = ${fmt(data.best.central.h)}, ${fmt(data.best.central.error)}`);
  caption.textContent = `f′(${fmt(data.x0)}) = ${fmt(data.derivative, 6)}`;
}

initAid(draw);
